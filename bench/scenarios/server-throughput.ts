import { type NodeDevice, createMutations, deviceTag, nodeDevice, pushBatch } from '../lib/central-client'
import { figure } from '../lib/figures'
import type { Scenario } from '../lib/scenario'
import { percentile } from '../lib/stats'
import { seeded } from '../shared/fake-people'

/** Centres not used by the other scenarios' figures; each device signs in as one of their staff. */
const USERS = ['lzx-clerk1', 'lzx-clerk2', 'lzx-outreach', 'lzx-super', 'hns-clerk1', 'hns-clerk2', 'hns-outreach', 'hns-super']

interface Load { applied: number, seconds: number, latencies: number[] }

/** Every device pushes batches of `batch` new cases back to back until `seconds` have passed. */
async function pushFor(devices: NodeDevice[], batch: number, seconds: number): Promise<Load> {
  const latencies: number[] = []
  let applied = 0
  const started = performance.now()
  const until = started + seconds * 1000
  await Promise.all(devices.map(async (device, i) => {
    const random = seeded(1000 + i)
    while (performance.now() < until) {
      const mutations = createMutations(device, random, batch)
      const sent = performance.now()
      const { results } = await pushBatch(device, mutations)
      latencies.push(performance.now() - sent)
      applied += results.filter(r => r.status === 'applied').length
    }
  }))
  return { applied, seconds: (performance.now() - started) / 1000, latencies }
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
    const devices = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      nodeDevice(server.url, USERS[i % USERS.length]!, `bench-load-${i}`, deviceTag(2000 + i))))
    const single = await pushFor([await nodeDevice(server.url, 'lzx-clerk1', 'bench-load-single', deviceTag(3000))], 100, quick ? 3 : 5)
    const rounds: Load[] = []
    for (let i = 0; i < (quick ? 1 : 2); i++) {
      const load = await pushFor(devices, 100, seconds)
      rounds.push(load)
      log(`round ${i + 1}: ${load.applied} applied in ${load.seconds.toFixed(1)} s, push p50 ${percentile(load.latencies, 50).toFixed(0)} ms, p99 ${percentile(load.latencies, 99).toFixed(0)} ms`)
    }
    raw.server = { seconds, single: { ...single, latencies: undefined }, rounds: rounds.map(r => ({ ...r, latencies: undefined, p50: percentile(r.latencies, 50), p99: percentile(r.latencies, 99) })) }
    const rate = (l: Load) => l.applied / l.seconds
    return [
      figure({
        name: '50 devices × batches of 100: mutations applied', unit: '/s', runs: rounds.map(rate), target: { op: '>=', value: 10_000 },
        baseline: { value: rate(single), note: 'one device alone' }, note: `${seconds} s per round; ratio = 50 devices vs one device`,
      }),
      figure({
        name: '50 devices × batches of 100: push p99', unit: 'ms', runs: rounds.map(r => percentile(r.latencies, 99)), target: { op: '<=', value: 500 },
        note: `push p50 ${rounds.map(r => percentile(r.latencies, 50).toFixed(0)).join(' / ')} ms; one device alone: p50 ${percentile(single.latencies, 50).toFixed(0)} ms`,
      }),
    ]
  },
}
