import { uuidv7 } from 'uuidv7'
import type { FaultProxy } from './fault-proxy'
import type { SimulatedDevice } from './simulated-device'

/**
 * Test-only breakage, to prove the invariants catch what they claim to (off unless asked for):
 * - lose-change: a device loses one change from its outbox before it was pushed (a lost mutation);
 * - apply-twice: a duplicated push is replayed under fresh mutation ids (an effect applied twice).
 */
export const SABOTAGES = ['lose-change', 'apply-twice'] as const
export type Sabotage = (typeof SABOTAGES)[number]

export function armProxy(sabotage: Sabotage | undefined, proxy: FaultProxy): void {
  if (sabotage !== 'apply-twice') return
  proxy.duplicatesOwed = 3
  proxy.rewriteCopy = (body) => {
    if (body.length === 0) return body
    const push = JSON.parse(body.toString('utf8')) as { mutations?: { id: string }[] }
    if (!push.mutations) return body
    for (const m of push.mutations) m.id = uuidv7()
    return Buffer.from(JSON.stringify(push))
  }
}

/** Before the quiet phase: the first device makes one more change and then loses it. */
export async function beforeQuiet(sabotage: Sabotage | undefined, devices: SimulatedDevice[]): Promise<void> {
  if (sabotage !== 'lose-change') return
  const device = devices[0]!
  const count = device.made.length
  while (device.made.length === count) await device.change()
  const lost = device.made.at(-1)!
  await device.db.outbox.where('id').equals(lost.id).delete()
  console.warn(`SABOTAGE lose-change: ${device.name} lost ${lost.op} ${lost.id}`)
}
