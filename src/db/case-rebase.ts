import { applyCaseMutation, type CaseRecord } from '../domain'
import type { ShiftDeskDB } from './database'

/**
 * What the user sees for a case is the server's state with this device's pending changes applied
 * on top. Called inside a transaction over cases, caseBases, outbox and serviceItems whenever the
 * server's state or the set of pending changes of a case moves.
 */
export async function rebaseCase(db: ShiftDeskDB, id: string, server: CaseRecord | null): Promise<void> {
  const entries = await db.outbox.where('entityId').equals(id).sortBy('seq')
  if (entries.length === 0) {
    await db.caseBases.delete(id)
    if (server) await db.cases.put(server)
    else await db.cases.delete(id)
    return
  }
  await db.caseBases.put({ id, data: server })
  let view = server
  for (const entry of entries) {
    if (entry.state !== 'pending') continue
    const itemId = view?.serviceItemId ?? String(entry.mutation.payload.serviceItemId ?? '')
    const outcome = applyCaseMutation(view ?? undefined, entry.mutation, {
      actor: entry.actor, serviceItem: await db.serviceItems.get(itemId), now: entry.mutation.clientTime,
    })
    // A change that no longer applies stays pending: the server decides and answers for it.
    if (outcome.ok) view = { ...outcome.next, version: view?.version ?? 0 }
  }
  if (view) await db.cases.put(view)
  else await db.cases.delete(id)
}

/** Re-derives the view of a case from its stored base, after changes were answered or dropped. */
export async function recomputeCase(db: ShiftDeskDB, id: string): Promise<void> {
  const base = await db.caseBases.get(id)
  if (base) await rebaseCase(db, id, base.data)
}
