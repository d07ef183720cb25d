import Dexie from 'dexie'
import type { OutboxEntry, ShiftDeskDB } from './database'

type OutboxState = OutboxEntry['state']

/** Outbox entries in one state, oldest first, from the [state+seq] index. */
export const outboxInState = (db: ShiftDeskDB, state: OutboxState) =>
  db.outbox.where('[state+seq]').between([state, Dexie.minKey], [state, Dexie.maxKey])

/** Entities whose earlier change waits for a person: later changes to them must wait too, to keep order. */
export async function blockedEntities(db: ShiftDeskDB): Promise<Set<string>> {
  const failed = [...await outboxInState(db, 'conflict').toArray(), ...await outboxInState(db, 'rejected').toArray()]
  return new Set(failed.map(entry => entry.entityId))
}

/** Pending changes after outbox position `seq`, oldest first: a window of the queue. */
export const pendingAfter = (db: ShiftDeskDB, seq: number, limit: number) =>
  db.outbox.where('[state+seq]').between(['pending', seq], ['pending', Dexie.maxKey], false, true).limit(limit).toArray()
