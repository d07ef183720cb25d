import Dexie from 'dexie'
import type { DeviceSession, OutboxEntry, ShiftDeskDB } from './database'

type OutboxState = OutboxEntry['state']

/** Outbox entries in one state, oldest first, from the [state+seq] index. */
export const outboxInState = (db: ShiftDeskDB, state: OutboxState) =>
  db.outbox.where('[state+seq]').between([state, Dexie.minKey], [state, Dexie.maxKey])

/** Changes the central system answered with a conflict or a rejection, oldest first: few, each waits for a person. */
export async function answeredEntries(db: ShiftDeskDB): Promise<OutboxEntry[]> {
  const [conflicts, rejections] = await Promise.all([outboxInState(db, 'conflict').toArray(), outboxInState(db, 'rejected').toArray()])
  return [...conflicts, ...rejections].sort((a, b) => a.seq! - b.seq!)
}

/** Entities whose earlier change waits for a person: later changes to them must wait too, to keep order. */
export async function blockedEntities(db: ShiftDeskDB): Promise<Set<string>> {
  return new Set((await answeredEntries(db)).map(entry => entry.entityId))
}

/** How many waiting changes the outbox page lists; it says how many more wait. */
export const PENDING_SHOWN = 100

/** The oldest PENDING_SHOWN waiting changes, for the outbox page. */
export const firstPending = (db: ShiftDeskDB) => outboxInState(db, 'pending').limit(PENDING_SHOWN).toArray()

/** Pending changes after outbox position `seq`, oldest first: a window of the queue. */
export const pendingAfter = (db: ShiftDeskDB, seq: number, limit: number) =>
  db.outbox.where('[state+seq]').between(['pending', seq], ['pending', Dexie.maxKey], false, true).limit(limit).toArray()

/**
 * Pending changes of one author: their entries on the actorId index less their answered ones
 * (few), counted without reading an entry.
 */
export async function pendingCountOf(db: ShiftDeskDB, actorId: string, answered?: OutboxEntry[]): Promise<number> {
  const [all, settled] = await Promise.all([db.outbox.where('actorId').equals(actorId).count(), answered ?? answeredEntries(db)])
  return all - settled.filter(entry => entry.actorId === actorId).length
}

/** One author's pending changes, waiting for them to sign in again on this device. */
export interface WaitingForSignIn { actorId: string, actorName: string, count: number }

/**
 * Pending changes whose author has no usable session on this device, per author. Everyone whose
 * changes are here signed in here, and a session row is never deleted (signing out empties its
 * token), so only the authors of the unusable sessions are counted: usually nobody.
 */
export async function changesWaitingForSignIn(
  db: ShiftDeskDB, usable: Map<string, DeviceSession>, answered: OutboxEntry[],
): Promise<WaitingForSignIn[]> {
  const others = (await db.sessions.toArray()).filter(session => !usable.has(session.userId))
  const groups = await Promise.all(others.map(async ({ userId, user }) =>
    ({ actorId: userId, actorName: user.name, count: await pendingCountOf(db, userId, answered) })))
  return groups.filter(group => group.count > 0)
}

/**
 * Which of these cases (a page of the list) have a change waiting to be pushed: a lookup per case
 * on the entityId index, less the cases whose every entry was answered.
 */
export async function casesWithPendingChanges(db: ShiftDeskDB, ids: readonly string[], answered: OutboxEntry[]): Promise<Set<string>> {
  const counts = await Promise.all(ids.map(id => db.outbox.where('entityId').equals(id).count()))
  const settled = new Map<string, number>()
  for (const entry of answered) settled.set(entry.entityId, (settled.get(entry.entityId) ?? 0) + 1)
  return new Set(ids.filter((id, i) => counts[i]! > (settled.get(id) ?? 0)))
}
