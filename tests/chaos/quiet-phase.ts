import { outboxInState } from '../../src/db/outbox-queries'
import type { SimulatedDevice } from './simulated-device'

/**
 * Faults are off: every device syncs until one full round over all of them pushes nothing,
 * pulls nothing and leaves nothing pending. Between rounds, each person settles the conflicts and
 * rejections that hold their later changes back (the engine keeps a case's order, so those wait).
 * Returns the number of rounds; throws with each device's leftovers if it never gets quiet.
 */
export async function syncToQuiet(devices: SimulatedDevice[], maxRounds: number): Promise<number> {
  for (let round = 1; round <= maxRounds; round++) {
    let quiet = true
    for (const device of devices) {
      const report = await device.sync()
      if (report.outcome !== 'synced' || report.pushed || report.pulled || report.pending) quiet = false
    }
    if (quiet) return round
    for (const device of devices) await device.settle('blocking')
  }
  const leftovers = await Promise.all(devices.map(async (d) => {
    const pending = await outboxInState(d.db, 'pending').toArray()
    const status = await d.db.meta.get('syncStatus')
    return `${d.name}: ${pending.length} pending (${pending.slice(0, 5).map(e => `${e.mutation.op} ${e.entityId}`).join(', ')}), status ${JSON.stringify(status?.value)}`
  }))
  throw new Error(`not quiet after ${maxRounds} rounds with faults off:\n  ${leftovers.join('\n  ')}`)
}
