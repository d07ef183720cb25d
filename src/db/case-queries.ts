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

/** Matches read first, in name order: a prefix matching fewer than this (a person's name) is sorted whole. */
const PROBE = 150
/** Newest cases read first along the time index when the prefix is common, to see how common. */
const FIRST_CHUNK = 250
/** Walking more cases than this along the time index costs more than reading every match and sorting. */
const WALK_MAX = 2500
/** At most this many matches are read to be sorted; a prefix matching more is always walked. */
const SORT_MAX = 5000
/** Chunks of the walk stay within these sizes, whatever the matches seen so far suggest. */
const CHUNK_MIN = 100
const CHUNK_MAX = 2000
/** Extra cases read after a chunk for cases received at the very same moment as its last. */
const SAME_TIME = 50

/**
 * A name-prefix search, newest first, in one or a few IndexedDB reads (each a round trip to the
 * browser's database process; a case read costs ~25 µs in Chromium, so the rows read are the cost):
 * - a prefix matching few cases (two characters of a person's name: ~30–150 of 100,000) comes
 *   whole in one read of [applicantName+receivedAt] and is sorted here;
 * - a common one (a surname, ~7 %; "鄂尔多斯…" for the enterprises of 鄂尔多斯, ~20 %) walks the
 *   cases newest first, each chunk sized by how often the prefix matched so far, until the page is
 *   full; a few hundred cases read;
 * - one in between, where the walk would read thousands of cases to fill a page, reads its
 *   matches whole after the first chunk and sorts them.
 */
async function nameSearch(db: ShiftDeskDB, prefix: string, status: CaseStatus | null | undefined, offset: number, limit: number) {
  const wanted = (c: CaseRecord) => c.applicantName.startsWith(prefix) && (!status || c.status === status)
  const inNameOrder = (max: number) => db.cases.where('[applicantName+receivedAt]')
    .between([prefix, Dexie.minKey], [`${prefix}\uffff`, Dexie.maxKey]).limit(max).toArray()
  const page = (matches: CaseRecord[]) => matches.filter(wanted).sort(newestFirst).slice(offset, offset + limit + 1)

  const probe = await inNameOrder(PROBE)
  if (probe.length < PROBE) return page(probe)
  const rows: CaseRecord[] = []
  const needed = offset + limit + 1
  let walked = 0
  let matched = 0
  let maySort = true
  let last: CaseRecord | undefined
  for (let size = FIRST_CHUNK; ;) {
    // Keyset: each chunk starts at the last case seen, whose time it reads again (to keep cases
    // received at that same moment, which come after it in id order).
    const from = last ? db.cases.where('receivedAt').belowOrEqual(last.receivedAt) : db.cases.orderBy('receivedAt')
    const read = last ? size + SAME_TIME : size
    const chunk = await from.reverse().limit(read).toArray()
    const fresh = last ? chunk.filter(c => newestFirst(last!, c) < 0) : chunk
    walked += fresh.length
    for (const c of fresh.filter(wanted)) {
      if (++matched > offset && rows.push(c) > limit) return rows
    }
    if (chunk.length < read || !fresh.length) return rows
    last = fresh.at(-1)
    // Cases still to walk at the rate the prefix matched so far.
    const ahead = (needed - matched) * walked / Math.max(matched, 1)
    if (ahead > WALK_MAX && maySort) {
      const all = await inNameOrder(SORT_MAX)
      if (all.length < SORT_MAX) return page(all)
      maySort = false
    }
    size = Math.min(CHUNK_MAX, Math.max(CHUNK_MIN, Math.ceil(ahead * 1.2)))
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
