import type { FaultProxy } from './fault-proxy'
import type { Prng } from './prng'
import type { SimulatedDevice } from './simulated-device'

export interface RandomPhaseOptions {
  mutationsPerDevice: number
  /** Restarts spread evenly over the run on top of the random ones (so even a short run has some). */
  minRestarts: number
  /** Per device step: chance to sync instead of changing something (half of them in the background). */
  syncChance: number
  /** Per device step: chance the person settles one answered conflict/rejection. */
  settleChance: number
  /** Per device step: chance an offline spell starts (no sync for 10–maxOfflineSteps steps: outreach, a dead link). */
  offlineChance: number
  maxOfflineSteps: number
  /** Scheduled restarts wait for a push of at least this many mutations (until the end of the phase). */
  killBatchSize: number
}

/**
 * Faults on: in lockstep rounds each device does one thing: a random change, a sync (awaited, or
 * started in the background like the service worker's while the person keeps working), or
 * settling an answered change. Each device runs one sync at a time (its own Web Lock, see
 * web-locks.ts); devices sync concurrently with each other. Returns the number of rounds.
 */
export async function randomPhase(devices: SimulatedDevice[], proxy: FaultProxy, rng: Prng, o: RandomPhaseOptions): Promise<number> {
  const steps = devices.map((_, i) => rng.fork(`steps-${i}`))
  const offline = devices.map(() => 0)
  const total = devices.length * o.mutationsPerDevice
  const made = () => devices.reduce((n, d) => n + d.made.length, 0)
  let restartsScheduled = 0
  proxy.killBatchSize = o.killBatchSize
  let rounds = 0
  while (made() < total) {
    if (++rounds > total * 20) throw new Error(`random phase did not finish: ${made()} of ${total} mutations after ${rounds} rounds`)
    while (restartsScheduled < o.minRestarts && made() >= (total * (restartsScheduled + 1)) / (o.minRestarts + 1)) {
      restartsScheduled++
      proxy.restartsOwed++
    }
    await Promise.all(devices.map(async (device, i) => {
      const step = steps[i]!
      if (offline[i]! > 0) offline[i]!--
      else if (step.chance(o.offlineChance)) offline[i] = step.int(10, o.maxOfflineSteps)
      if (step.chance(o.settleChance) && await device.settle('one')) return
      const done = device.made.length >= o.mutationsPerDevice
      if (offline[i]! > 0 && !done) return device.change()
      if (!done && !step.chance(o.syncChance)) return device.change()
      if (step.chance(0.5)) return device.syncInBackground()
      await device.sync()
    }))
    if (proxy.failure) throw proxy.failure
  }
  // A restart still owed needs a push to land on: any size now.
  proxy.killBatchSize = 1
  for (let tries = 0; proxy.restartsOwed > 0 && tries < 50; tries++) {
    const device = devices[tries % devices.length]!
    await device.change()
    await device.sync()
  }
  for (const device of devices) await device.idle()
  return rounds
}
