import type { CaseRecord, CaseStatus } from '../domain'
import { type ListKey, readFrom, readNewer } from './case-list-keyset'
import { listCases } from './case-queries'
import type { ShiftDeskDB } from './database'

/**
 * Windows of the case list: the cases around those on screen, a few hundred whatever the device
 * holds. Without a search a window is read by keyset (case-list-keyset.ts), with a search by offset
 * among its matches (listCases), which stays short.
 *
 * A query is what the list shows: one status or all, and what the clerk searched for.
 */
export interface ListQuery { status: CaseStatus | null, search: string }

/** A window read by keyset: `older` cases from `anchor` on (from the newest when null) and `newer` ones before it. */
export interface KeysetSpec { kind: 'keyset', query: ListQuery, anchor: ListKey | null, anchorIndex: number, newer: number, older: number }
/** A search's window: `limit` of its matches from `offset` on. */
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
  if (spec.anchor && spec.anchorIndex - spec.newer <= 0) {
    // A window that starts at the top is read from the top: cases taken in or pulled since it was
    // planned come first, rather than being cut off above its newest `newer` cases.
    const rows = await readFrom(db, status, null, spec.newer + spec.older)
    return { spec, first: 0, rows, end: rows.length < spec.newer + spec.older }
  }
  const [newer, older] = await Promise.all([
    spec.anchor ? readNewer(db, status, spec.anchor, spec.newer) : [],
    readFrom(db, status, spec.anchor, spec.older),
  ])
  // Fewer newer cases than asked for: the window reaches the top, whatever the anchor's index said.
  const first = spec.anchor && newer.length < spec.newer ? 0 : spec.anchorIndex - newer.length
  return { spec, first, rows: [...newer, ...older], end: older.length < spec.older }
}
