import Dexie from 'dexie'
import type { CaseRecord, CaseStatus } from '../domain'
import type { ShiftDeskDB } from './database'

/**
 * The case list (newest first, optionally one status) read by keyset: from a case's place in the
 * list rather than by offset. In Chromium, IndexedDB walks every skipped entry, so an offset of
 * 50,000 costs seconds while 100 cases after a known one cost milliseconds.
 *
 * List order is the index order reversed: receivedAt descending and, between equal times, id
 * descending (IndexedDB orders equal index keys by primary key).
 */
export interface ListKey { receivedAt: string, id: string }

export const listKeyOf = (record: CaseRecord): ListKey => ({ receivedAt: record.receivedAt, id: record.id })

/** The indexes the list reads, as IndexedDB names them. */
export const INDEX = { all: 'receivedAt', status: '[status+receivedAt]' } as const

/** Cases from `from` (itself included when still there) towards older ones; from the newest when null. */
export function readFrom(db: ShiftDeskDB, status: CaseStatus | null, from: ListKey | null, limit: number): Promise<CaseRecord[]> {
  if (limit <= 0) return Promise.resolve([])
  const upper = from?.receivedAt ?? Dexie.maxKey
  const range = status
    ? db.cases.where(INDEX.status).between([status, Dexie.minKey], [status, upper], true, true)
    : db.cases.where(INDEX.all).belowOrEqual(upper)
  const collection = range.reverse()
  if (!from) return collection.limit(limit).toArray()
  return collection.filter(c => c.receivedAt < from.receivedAt || c.id <= from.id).limit(limit).toArray()
}

/** Up to `limit` cases just newer than `key` (itself excluded), in list order. */
export async function readNewer(db: ShiftDeskDB, status: CaseStatus | null, key: ListKey, limit: number): Promise<CaseRecord[]> {
  if (limit <= 0) return []
  const range = status
    ? db.cases.where(INDEX.status).between([status, key.receivedAt], [status, Dexie.maxKey], true, true)
    : db.cases.where(INDEX.all).aboveOrEqual(key.receivedAt)
  const rows = await range.filter(c => c.receivedAt > key.receivedAt || c.id > key.id).limit(limit).toArray()
  return rows.reverse()
}
