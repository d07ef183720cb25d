import type { ServerState } from './server-state'
import type { SimulatedDevice } from './simulated-device'

/**
 * How the server answered the mutations that settled conflicts, by the person's choice: e.g. a
 * 'theirs' on a case closed meanwhile comes back rejected, and the person has to deal with it again.
 */
export function settlementOutcomes(devices: SimulatedDevice[], state: ServerState): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const device of devices) {
    const choice = new Map(device.settled.map(s => [s.entry.id, s.how]))
    for (const m of device.made) {
      if (!m.resolves) continue
      const row = state.log.get(m.id)
      const result = row && JSON.parse(row.result) as { code?: string, reason?: string }
      const key = `${choice.get(m.resolves)} → ${row?.status ?? 'not logged'}${row?.status === 'rejected' ? ` ${result!.code} ${result!.reason}` : ''}`
      counts[key] = (counts[key] ?? 0) + 1
    }
  }
  return counts
}
