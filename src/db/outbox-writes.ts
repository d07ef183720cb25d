import type { ShiftDeskDB } from './database'
import { recomputeCase } from './case-rebase'

/**
 * Drops a change the central system rejected (or that lost a conflict), after its author has seen
 * why. The case goes back to the server's state plus the changes still waiting.
 */
export function discardChange(db: ShiftDeskDB, seq: number): Promise<void> {
  return db.transaction('rw', [db.cases, db.caseBases, db.outbox, db.serviceItems], async () => {
    const entry = await db.outbox.get(seq)
    if (!entry || entry.state === 'pending') return
    await db.outbox.delete(seq)
    await recomputeCase(db, entry.entityId)
  })
}
