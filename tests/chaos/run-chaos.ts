// First: Dexie looks for IndexedDB when it loads, and the devices run on fake-indexeddb.
import 'fake-indexeddb/auto'
import { deviceIdentity } from '../../src/db/device'
import { DEFAULT_WEIGHTS, type FaultWeights } from './fault-dice'
import { FaultProxy } from './fault-proxy'
import { type DeviceFinal, type InvariantResult, checkInvariants } from './invariants'
import { prng } from './prng'
import { type RandomPhaseOptions, randomPhase } from './random-phase'
import { syncToQuiet } from './quiet-phase'
import { type Sabotage, armProxy, beforeQuiet } from './sabotage'
import { readServerState } from './server-state'
import { settlementOutcomes } from './settlements'
import { ServerProcess } from './server-process'
import { SimulatedDevice } from './simulated-device'
import { installPerDeviceLocks } from './web-locks'

export interface ChaosOptions extends RandomPhaseOptions {
  seed: number
  devices: number
  /** Share of requests that get a fault while faults are on. */
  faultRate: number
  maxQuietRounds: number
  /** An admin's tablet joins at the end of the faults: a first pull of every centre under faults (paged past 1000 changes). */
  lateAdmin: boolean
  /** 'per-device': each tablet its own Web Locks, so pushes reach the server concurrently (as in a centre); 'shared': the engine's Node fallback, one lock for all. */
  locks: 'per-device' | 'shared'
  weights?: FaultWeights
  sabotage?: Sabotage
}

export interface ChaosReport {
  options: ChaosOptions
  durationMs: number
  devices: { name: string, user: string, made: number, syncs: SimulatedDevice['syncs'] }[]
  madeByOp: Record<string, number>
  refusals: Record<string, number>
  settled: Record<string, number>
  settlements: Record<string, number>
  proxy: FaultProxy['stats']
  serverStarts: number
  serverKills: number
  rounds: { random: number, quiet: number }
  invariants: InvariantResult[]
  pass: boolean
}

// Staff of one centre; with more devices than people, a person has more than one tablet.
const USERS = ['ord-clerk1', 'ord-clerk2', 'ord-outreach', 'ord-super']

const tally = (keys: string[]) => keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {})

/**
 * One chaos run: the real server (child process) behind the fault proxy, D simulated devices making
 * random changes and syncing while faults fly, then faults off, sync to quiet, check invariants.
 * The seed fixes every random choice; which request a fault hits still depends on timing.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now()
  const rng = prng(options.seed)
  const server = await ServerProcess.start()
  const uninstallLocks = options.locks === 'per-device' ? installPerDeviceLocks() : () => undefined
  const devices: SimulatedDevice[] = []
  let proxy: FaultProxy | null = null
  try {
    proxy = await FaultProxy.start(server, rng.fork('proxy'), options.faultRate, options.weights ?? DEFAULT_WEIGHTS)
    armProxy(options.sabotage, proxy)
    for (let i = 0; i < options.devices; i++) {
      const name = `chaos-${options.seed}-${i}-${process.pid}-${started}`
      devices.push(await SimulatedDevice.start(name, USERS[i % USERS.length]!, proxy.url, rng.fork(`device-${i}`)))
    }
    proxy.faultsOn = true
    const rounds = await randomPhase(devices, proxy, rng.fork('rounds'), options)
    if (options.lateAdmin) {
      const admin = await SimulatedDevice.start(`chaos-${options.seed}-admin-${process.pid}-${started}`, 'admin', proxy.url, rng.fork('admin'), true)
      devices.push(admin)
      for (let i = 0; i < 3; i++) await admin.sync()
    }
    await beforeQuiet(options.sabotage, devices)
    proxy.faultsOn = false
    await proxy.settled()
    if (proxy.failure) throw proxy.failure
    const quietRounds = await syncToQuiet(devices, options.maxQuietRounds)

    await server.stop()
    const state = readServerState(server.dbFile)
    const finals: DeviceFinal[] = await Promise.all(devices.map(async d => ({
      name: d.name, deviceId: (await deviceIdentity(d.db)).deviceId, centerId: d.changes ? d.session.user.centerId : null,
      made: d.made, settled: d.settled, outbox: await d.db.outbox.toArray(), cases: await d.db.cases.toArray(),
    })))
    const invariants = checkInvariants(finals, state, proxy.stats, proxy.kills.batches)
    return {
      options, durationMs: Date.now() - started,
      devices: devices.map(d => ({ name: d.name, user: d.session.user.username, made: d.made.length, syncs: d.syncs })),
      madeByOp: tally(devices.flatMap(d => d.made.map(m => m.resolves ? `${m.op} (settling a conflict)` : m.op))),
      refusals: devices.reduce<Record<string, number>>((acc, d) => {
        for (const [k, n] of Object.entries(d.refusals)) acc[k] = (acc[k] ?? 0) + n
        return acc
      }, {}),
      settled: tally(devices.flatMap(d => d.settled.map(s => `${s.entry.state} → ${s.how}`))),
      settlements: settlementOutcomes(devices, state),
      proxy: proxy.stats, serverStarts: server.starts, serverKills: server.kills,
      rounds: { random: rounds, quiet: quietRounds }, invariants, pass: invariants.every(r => r.pass),
    }
  }
  finally {
    await proxy?.close().catch(() => undefined)
    await server.stop()
    server.removeDataDir()
    for (const device of devices) await device.close()
    uninstallLocks()
  }
}
