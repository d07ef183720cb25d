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

/**
 * Cases from `from` (itself included when still there) towards older ones; from the newest when
 * null. Two plain index reads rather than one filtered walk (a cursor, a round trip per batch of
 * cases): the cases received at the very moment of `from`, up to its id, and the older ones.
 */
export async function readFrom(db: ShiftDeskDB, status: CaseStatus | null, from: ListKey | null, limit: number): Promise<CaseRecord[]> {
  if (limit <= 0) return []
  const index = db.cases.where(status ? INDEX.status : INDEX.all)
  const at = (receivedAt: string | typeof Dexie.maxKey) => (status ? [status, receivedAt] : receivedAt)
  const bottom = status ? [status, Dexie.minKey] : Dexie.minKey
  if (!from) return index.between(bottom, at(Dexie.maxKey), true, true).reverse().limit(limit).toArray()
  const [sameTime, older] = await Promise.all([
    index.equals(at(from.receivedAt)).toArray(),
    index.between(bottom, at(from.receivedAt), true, false).reverse().limit(limit).toArray(),
  ])
  // Equal times are in id order; the list shows them newest id first.
  const upToFrom = sameTime.filter(c => c.id <= from.id).reverse()
  return [...upToFrom, ...older].slice(0, limit)
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
