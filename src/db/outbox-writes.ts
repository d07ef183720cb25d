import { type Mutation, newId, type Resolution } from '../domain'
import type { ShiftDeskDB } from './database'
import { revertAppointmentMark } from './appointment-writes'
import { recomputeCase } from './case-rebase'

const CASE_TABLES = (db: ShiftDeskDB) => [db.cases, db.caseBases, db.outbox, db.serviceItems]

/**
 * Drops a change the central system rejected, after its author has seen why. The case goes back
 * to the server's state plus the changes still waiting.
 */
export function discardChange(db: ShiftDeskDB, seq: number): Promise<void> {
  return db.transaction('rw', [...CASE_TABLES(db), db.appointments], async () => {
    const entry = await db.outbox.get(seq)
    if (!entry || entry.state === 'pending') return
    await db.outbox.delete(seq)
    await recomputeCase(db, entry.entityId)
    await revertAppointmentMark(db, entry)
  })
}

/**
 * Settles a conflict. The central system's copy becomes the base, and the conflicted change is
 * replaced where it stands in the queue (so later changes keep their order) by a new change on
 * the current version: the same change again ('mine'), or none at all ('theirs'). Either way it
 * carries the choice, so the case's history records how the conflict was settled and by whom.
 */
export function resolveConflict(db: ShiftDeskDB, seq: number, choice: Resolution['choice']): Promise<void> {
  return db.transaction('rw', CASE_TABLES(db), async () => {
    const entry = await db.outbox.get(seq)
    if (!entry || entry.result?.status !== 'conflict') return
    // A pull may have brought a newer copy than the one the conflict answer carried.
    const stored = (await db.caseBases.get(entry.entityId))?.data
    const current = entry.result.current
    const server = stored && stored.version >= (current?.version ?? 0) ? stored : current
    await db.caseBases.put({ id: entry.entityId, data: server })
    const original = entry.mutation
    const resolves: Resolution = { mutationId: original.id, choice }
    const mutation: Mutation = {
      ...original,
      id: newId(),
      op: choice === 'mine' ? original.op : 'case.update',
      payload: choice === 'mine' ? { ...original.payload, resolves } : { fields: {}, resolves },
      baseVersion: server?.version ?? original.baseVersion,
      clientTime: new Date().toISOString(),
    }
    await db.outbox.update(seq, { id: mutation.id, mutation, state: 'pending', result: undefined })
    await recomputeCase(db, entry.entityId)
  })
}
