import Dexie from 'dexie'
import { type CaseRecord, queueOrder, type QueuedCase } from '../domain'
import type { ShiftDeskDB } from './database'
import { readMeta, writeMeta } from './meta'

/**
 * The approval queue on the device: every case of the centre waiting for a supervisor, read from
 * the [status+receivedAt] index (the queue is what arrived since the last decisions, so it is
 * short even when the device holds a year of cases), in the order a supervisor works through it.
 */
export async function listAwaitingApproval(db: ShiftDeskDB): Promise<QueuedCase[]> {
  const [records, items] = await Promise.all([
    db.cases.where('[status+receivedAt]').between(['pending_approval', Dexie.minKey], ['pending_approval', Dexie.maxKey]).toArray(),
    db.serviceItems.toArray(),
  ])
  const urgent = new Set(items.filter(item => item.urgent).map(item => item.id))
  return records.map(record => ({ record, urgent: urgent.has(record.serviceItemId) })).sort(queueOrder)
}

/** The queued cases a supervisor has already been told about, so a badge only counts news. */
const seenKey = (userId: string) => `approvalSeen:${userId}`

export async function readSeenArrivals(db: ShiftDeskDB, userId: string): Promise<Set<string> | null> {
  const ids = await readMeta<string[] | null>(db, seenKey(userId), null)
  return ids && new Set(ids)
}

/** Only ids still in the queue are kept: the list stays as short as the queue. */
export function markArrivalsSeen(db: ShiftDeskDB, userId: string, queue: readonly CaseRecord[]): Promise<unknown> {
  return writeMeta(db, seenKey(userId), queue.map(record => record.id))
}
