import Dexie from 'dexie'
import { CASE_STATUSES, type CaseRecord, type CaseStatus } from '../domain'
import type { ShiftDeskDB } from './database'

/**
 * Reads for the case list. Each one walks an index and stops after a page, so a device holding a
 * year of cases never loads them all into memory.
 */
export interface CaseListQuery {
  status?: CaseStatus | null
  search?: string
  offset: number
  limit: number
}

export interface CasePage { rows: CaseRecord[], hasMore: boolean }

export type SearchKind = 'idNumber' | 'caseNo' | 'name'

/** What the clerk typed decides the index: a full ID/credit code, a case number prefix, or a name prefix. */
export function searchKind(search: string): SearchKind {
  const q = search.trim().toUpperCase()
  if (/^[0-9A-Z]{18}$/.test(q) && /\d{6}/.test(q)) return 'idNumber'
  if (/^[A-Z]{2,6}-/.test(q)) return 'caseNo'
  return 'name'
}

const newestFirst = (a: CaseRecord, b: CaseRecord) =>
  (a.receivedAt === b.receivedAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.receivedAt < b.receivedAt ? 1 : -1)

/** A name prefix matching more cases than this is searched along the time index instead. */
const NAME_MATCHES_SORTED = 500
/** Cases read at a time while walking the time index for a common name prefix. */
const CHUNK = 1000
/** Extra cases read after the first chunk for cases received at the very same moment. */
const SAME_TIME = 50

/**
 * A name-prefix search, newest first. Usually the prefix matches few cases (two characters match
 * ~150 of 100,000): they all come in one read of [applicantName+receivedAt] and are sorted here. A
 * common prefix (one surname is ~7 % of people) walks the cases newest first instead, a chunk per
 * read, until the page is full. Either way a page costs one or a few IndexedDB requests, never a
 * cursor step per case (each a round trip to the browser's database process).
 */
async function nameSearch(db: ShiftDeskDB, prefix: string, status: CaseStatus | null | undefined, offset: number, limit: number) {
  const wanted = (c: CaseRecord) => c.applicantName.startsWith(prefix) && (!status || c.status === status)
  const matches = await db.cases.where('[applicantName+receivedAt]')
    .between([prefix, Dexie.minKey], [`${prefix}\uffff`, Dexie.maxKey]).limit(NAME_MATCHES_SORTED).toArray()
  if (matches.length < NAME_MATCHES_SORTED) return matches.filter(wanted).sort(newestFirst).slice(offset, offset + limit + 1)
  const rows: CaseRecord[] = []
  let skip = offset
  let last: CaseRecord | undefined
  for (;;) {
    // Keyset: each chunk starts at the last case seen, whose time it reads again (to keep cases
    // received at that same moment, which come after it in id order).
    const size = last ? CHUNK + SAME_TIME : CHUNK
    const from = last ? db.cases.where('receivedAt').belowOrEqual(last.receivedAt) : db.cases.orderBy('receivedAt')
    const chunk = await from.reverse().limit(size).toArray()
    const fresh = last ? chunk.filter(c => newestFirst(last!, c) < 0) : chunk
    for (const c of fresh.filter(wanted)) {
      if (skip > 0) skip--
      else if (rows.push(c) > limit) return rows
    }
    if (chunk.length < size || !fresh.length) return rows
    last = fresh.at(-1)
  }
}

function searchCollection(db: ShiftDeskDB, search: string, kind: Exclude<SearchKind, 'name'>) {
  const q = search.trim().toUpperCase()
  return kind === 'idNumber' ? db.cases.where('idNumber').equals(q) : db.cases.where('caseNo').startsWith(q)
}

async function readPage(db: ShiftDeskDB, query: CaseListQuery): Promise<CaseRecord[]> {
  const { status, offset, limit } = query
  const search = query.search?.trim()
  if (search) {
    const kind = searchKind(search)
    if (kind === 'name') return nameSearch(db, search, status, offset, limit)
    let collection = searchCollection(db, search, kind)
    if (status) collection = collection.filter(c => c.status === status)
    return collection.offset(offset).limit(limit + 1).toArray()
  }
  const collection = status
    ? db.cases.where('[status+receivedAt]').between([status, Dexie.minKey], [status, Dexie.maxKey]).reverse()
    : db.cases.orderBy('receivedAt').reverse()
  return collection.offset(offset).limit(limit + 1).toArray()
}

export async function listCases(db: ShiftDeskDB, query: CaseListQuery): Promise<CasePage> {
  const rows = await readPage(db, query)
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit }
}

/** Counts for the status filter chips: the counters every write to `cases` keeps (case-counts.ts). */
export async function countCasesByStatus(db: ShiftDeskDB): Promise<Record<CaseStatus, number>> {
  const counts = Object.fromEntries(CASE_STATUSES.map(status => [status, 0])) as Record<CaseStatus, number>
  for (const row of await db.caseCounts.toArray()) {
    if (row.status in counts) counts[row.status as CaseStatus] = row.count
  }
  return counts
}
