import fs from 'node:fs'
import type { VerifyResult } from '../../src/domain/audit'
import { type NodeDevice, createMutations, deviceTag, getAs, nodeDevice, pushBody, pushPrepared } from '../lib/central-client'
import { figure } from '../lib/figures'
import type { Scenario } from '../lib/scenario'
import { percentile } from '../lib/stats'
import { seeded } from '../shared/fake-people'

/** Centres not used by the other scenarios' figures; each device signs in as one of their staff. */
const USERS = ['lzx-clerk1', 'lzx-clerk2', 'lzx-outreach', 'lzx-super', 'hns-clerk1', 'hns-clerk2', 'hns-outreach', 'hns-super']

interface Load { applied: number, seconds: number, latencies: number[], cpuMs?: number, clientCpuMs: number }

/** CPU time (user + system, ms) the server process has used so far, from /proc; undefined elsewhere. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 1000 / 100 // utime + stime, in clock ticks of 1/100 s
  }
  catch { return undefined }
}

/**
 * Every device pushes batches of `batch` new cases back to back until `seconds` have passed. The
 * first `ready` request bodies of each device are made before the clock starts: real tablets make
 * their changes on their own CPUs, and here the load generator shares the server's two cores.
 */
async function pushFor(devices: NodeDevice[], batch: number, seconds: number, ready: number): Promise<Load> {
  const randoms = devices.map((_, i) => seeded(1000 + i))
  const body = (i: number) => pushBody(devices[i]!, createMutations(devices[i]!, randoms[i]!, batch))
  const queues = devices.map((_, i) => Array.from({ length: ready }, () => body(i)))
  const latencies: number[] = []
  let applied = 0
  const clientCpu = process.cpuUsage()
  const started = performance.now()
  const until = started + seconds * 1000
  await Promise.all(devices.map(async (device, i) => {
    while (performance.now() < until) {
      const next = queues[i]!.shift() ?? body(i)
      const sent = performance.now()
      const { results } = await pushPrepared(device, next)
      latencies.push(performance.now() - sent)
      applied += results.filter(r => r.status === 'applied').length
    }
  }))
  const cpu = process.cpuUsage(clientCpu)
  return { applied, seconds: (performance.now() - started) / 1000, latencies, clientCpuMs: (cpu.user + cpu.system) / 1000 }
}

/**
 * The central server under 50 tablets pushing batches of 100 at once, over plain HTTP from this
 * process (the server runs in its own). Baseline in the same run: a single device alone.
 */
export const serverThroughput: Scenario = {
  key: 'server',
  title: 'server: 50 devices pushing batches of 100 concurrently',
  async run({ server, quick, raw, log }) {
    const seconds = quick ? 5 : 15
    // Signed in one after another: the sign-in limits reserve each attempt before its password is
    // checked, so 50 at once from this one address would read as a guessing attack (server/http/limits.ts).
    const devices: NodeDevice[] = []
    for (let i = 0; i < 50; i++) devices.push(await nodeDevice(server.url, USERS[i % USERS.length]!, `bench-load-${i}`, deviceTag(2000 + i)))
    // Bodies made ahead: enough for 10,000 changes a second (the target) over the round, 50 % more.
    const ready = Math.ceil(10_000 * seconds * 1.5 / 50 / 100)
    const single = await pushFor([await nodeDevice(server.url, 'lzx-clerk1', 'bench-load-single', deviceTag(3000))], 100, quick ? 3 : 5, ready)
    const rounds: Load[] = []
    for (let i = 0; i < (quick ? 1 : 2); i++) {
      const cpuBefore = cpuMs(server.pid)
      const load = await pushFor(devices, 100, seconds, ready)
      const cpuAfter = cpuMs(server.pid)
      if (cpuBefore !== undefined && cpuAfter !== undefined) load.cpuMs = cpuAfter - cpuBefore
      rounds.push(load)
      const cpu = load.cpuMs === undefined ? '' : `, CPU per change: server ${(load.cpuMs * 1000 / load.applied).toFixed(0)} µs, load generator ${(load.clientCpuMs * 1000 / load.applied).toFixed(0)} µs`
      log(`round ${i + 1}: ${load.applied} applied in ${load.seconds.toFixed(1)} s, push p50 ${percentile(load.latencies, 50).toFixed(0)} ms, p99 ${percentile(load.latencies, 99).toFixed(0)} ms${cpu}`)
    }
    // Every applied change also wrote its audit entry in the same transaction: the chain must verify.
    const admin = await nodeDevice(server.url, 'admin', 'bench-audit', deviceTag(4000))
    const verifyStarted = performance.now()
    const audit = await getAs<VerifyResult>(admin, '/api/audit/verify')
    const verifyMs = performance.now() - verifyStarted
    log(`audit chain ${audit.ok ? 'verified' : `BROKEN at seq ${audit.firstBroken?.seq}`}: ${audit.entries} entries in ${verifyMs.toFixed(0)} ms`)
    if (!audit.ok) throw new Error(`audit chain broken after the load: ${JSON.stringify(audit.firstBroken)}`)
    raw.server = {
      seconds, single: { ...single, latencies: undefined },
      rounds: rounds.map(r => ({ ...r, latencies: undefined, p50: percentile(r.latencies, 50), p99: percentile(r.latencies, 99) })),
      audit: { entries: audit.entries, verifyMs },
    }
    const rate = (l: Load) => l.applied / l.seconds
    // CPU per change does not depend on what else the machine runs, unlike the rate.
    const perChange = rounds.flatMap(r => r.cpuMs === undefined ? [] : [r.cpuMs * 1000 / r.applied])
    const cpuNote = perChange.length ? `; server CPU per change ${perChange.map(us => us.toFixed(0)).join(' / ')} µs` : ''
    return [
      figure({
        name: '50 devices × batches of 100: mutations applied', unit: '/s', runs: rounds.map(rate), target: { op: '>=', value: 10_000 },
        baseline: { value: rate(single), note: 'one device alone' },
        note: `${seconds} s per round; ratio = 50 devices vs one device; each change with its audit entry (chain of ${audit.entries} entries verified in ${(verifyMs / 1000).toFixed(1)} s)${cpuNote}`,
      }),
      figure({
        name: '50 devices × batches of 100: push p99', unit: 'ms', runs: rounds.map(r => percentile(r.latencies, 99)), target: { op: '<=', value: 500 },
        note: `push p50 ${rounds.map(r => percentile(r.latencies, 50).toFixed(0)).join(' / ')} ms; one device alone: p50 ${percentile(single.latencies, 50).toFixed(0)} ms`,
      }),
    ]
  },
}
