import Dexie from 'dexie'
import type { CaseRecord, CaseStatus } from '../domain'
import { listCases } from './case-queries'
import type { ShiftDeskDB } from './database'

/**
 * Windows of the case list (newest first, optionally one status): the cases around those on
 * screen. Without a search they are read by keyset, from a case's place in the list rather than by
 * offset: in Chromium, IndexedDB walks every skipped entry, so an offset of 50,000 costs seconds
 * while 100 cases after a known one cost milliseconds.
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

/** What the list shows: one status or all, and what the clerk searched for. */
export interface ListQuery { status: CaseStatus | null, search: string }

/** A window read by keyset: `older` cases from `anchor` on (from the newest when null) and `newer` ones before it. */
export interface KeysetSpec { kind: 'keyset', query: ListQuery, anchor: ListKey | null, anchorIndex: number, newer: number, older: number }
/** A search's window, read by offset: its matches are few enough, or walked newest first (case-queries.ts). */
export interface SearchSpec { kind: 'search', query: ListQuery, offset: number, limit: number }
export type WindowSpec = KeysetSpec | SearchSpec

/** The cases of a window, the list index of the first, and whether the list ends with the last. */
export interface CaseWindow { spec: WindowSpec, first: number, rows: CaseRecord[], end: boolean }

export const sameQuery = (a: ListQuery, b: ListQuery) => a.status === b.status && a.search.trim() === b.search.trim()

/** The first window of a query: the cases that fill the first screen. */
export function firstWindowSpec(query: ListQuery, rows: number): WindowSpec {
  return query.search.trim()
    ? { kind: 'search', query, offset: 0, limit: rows }
    : { kind: 'keyset', query, anchor: null, anchorIndex: 0, newer: 0, older: rows }
}

export async function readWindow(db: ShiftDeskDB, spec: WindowSpec): Promise<CaseWindow> {
  const { status, search } = spec.query
  if (spec.kind === 'search') {
    const page = await listCases(db, { status, search, offset: spec.offset, limit: spec.limit })
    return { spec, first: spec.offset, rows: page.rows, end: !page.hasMore }
  }
  const [newer, older] = await Promise.all([
    spec.anchor ? readNewer(db, status, spec.anchor, spec.newer) : [],
    readFrom(db, status, spec.anchor, spec.older),
  ])
  // Fewer newer cases than asked for: the window reaches the top, whatever the anchor's index said.
  const first = spec.anchor && newer.length < spec.newer ? 0 : spec.anchorIndex - newer.length
  return { spec, first, rows: [...newer, ...older], end: older.length < spec.older }
}
