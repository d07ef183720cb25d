import Dexie from 'dexie'
import { dataScopeOf, type StaffUser } from '../domain'
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

/** The oldest PENDING_SHOWN waiting changes of people of `scope`, for the outbox page. */
export const firstPending = (db: ShiftDeskDB, scope: string | null) =>
  outboxInState(db, 'pending').filter(entry => scope !== null && dataScopeOf(entry.actor) === scope).limit(PENDING_SHOWN).toArray()

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

/**
 * Pending changes of one author that this screen does not list: theirs wait for them to sign in
 * again (no usable session), or they are of another scope than the data the device holds (another
 * centre's clerk: only this line is shown, never the changes).
 */
export interface WaitingForSignIn { actorId: string, actorName: string, centerName: string | null, otherScope: boolean, count: number }

/** Who has changes in the outbox, from the actorId index (a few people), with their session here if any. */
async function outboxAuthors(db: ShiftDeskDB): Promise<{ actor: StaffUser, session: DeviceSession | undefined }[]> {
  const ids = await db.outbox.orderBy('actorId').uniqueKeys() as string[]
  const sessions = await db.sessions.bulkGet(ids)
  const authors = await Promise.all(ids.map(async (id, i) => {
    // Their last entry may have gone meanwhile (the reads are not one transaction): then they are not listed.
    const actor = sessions[i]?.user ?? (await db.outbox.where('actorId').equals(id).first())?.actor
    return actor && { actor, session: sessions[i] }
  }))
  return authors.filter(author => !!author)
}

/**
 * Pending changes, per author, of everyone who cannot push now or whose scope the device does not
 * hold (`scope`: readDataScope; null when it holds none, then every author is listed): usually nobody.
 */
export async function changesWaitingForSignIn(
  db: ShiftDeskDB, usable: Map<string, DeviceSession>, answered: OutboxEntry[], scope: string | null,
): Promise<WaitingForSignIn[]> {
  const authors = await outboxAuthors(db)
  const groups = await Promise.all(authors.map(async ({ actor, session }) => {
    const otherScope = scope === null || dataScopeOf(actor) !== scope
    if (!otherScope && usable.has(actor.id)) return null
    const count = await pendingCountOf(db, actor.id, answered)
    return { actorId: actor.id, actorName: actor.name, centerName: session?.center.name ?? null, otherScope, count }
  }))
  return groups.filter(group => group !== null && group.count > 0) as WaitingForSignIn[]
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
