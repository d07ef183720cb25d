import Dexie from 'dexie'
import { CASE_STATUSES, type CaseRecord, type CaseStatus } from '../domain'
import { listKeyOf, readFrom } from './case-list-keyset'
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

/**
 * How many matches a name search reads first, in name order: a prefix matching fewer (two
 * characters of a person's name: ~30–150 of 100,000 cases) is read whole and sorted. The walk's
 * first read is as long: a page of 50 at once for a prefix as common as the centre's own name
 * (~20 % of its cases, the enterprises named after it).
 */
const FIRST_READ = 256

/**
 * A name-prefix search, newest first. Each case read costs ~25 µs in Chromium (a read is a round
 * trip to the browser's database process), so the cases read are the cost:
 * - a prefix matching few cases comes whole in one read of [applicantName+receivedAt], sorted here;
 * - a common one (a surname, ~7 %) walks the list newest first (one status's cases when filtered), by
 *   keyset as the list itself reads (case-list-keyset.ts), each read as long as the walk still needs
 *   at the rate the prefix matched so far, until the page is full;
 * - once that rate says the matches are fewer than the cases still to walk, the matches are read
 *   in name order instead, no more of them than the walk would read, and sorted if that was all.
 */
async function nameSearch(db: ShiftDeskDB, prefix: string, status: CaseStatus | null, offset: number, limit: number) {
  const wanted = (c: CaseRecord) => c.applicantName.startsWith(prefix) && (!status || c.status === status)
  const inNameOrder = (max: number) => db.cases.where('[applicantName+receivedAt]')
    .between([prefix, Dexie.minKey], [`${prefix}\uffff`, Dexie.maxKey]).limit(max).toArray()
  const page = (matches: CaseRecord[]) => matches.filter(wanted).sort(newestFirst).slice(offset, offset + limit + 1)

  const first = await inNameOrder(FIRST_READ)
  if (first.length < FIRST_READ) return page(first)
  const needed = offset + limit + 1
  const rows: CaseRecord[] = []
  let walked = 0
  let matched = 0
  let sortTried = false
  let total: number | undefined
  let last: CaseRecord | null = null
  for (let size = FIRST_READ; ;) {
    // From the last case walked, which comes again first.
    const asked = last ? size + 1 : size
    const read = await readFrom(db, status, last && listKeyOf(last), asked)
    const chunk: CaseRecord[] = last ? read.filter(c => c.id !== last!.id) : read
    walked += chunk.length
    for (const c of chunk.filter(wanted)) {
      if (++matched > offset && rows.push(c) > limit) return rows
    }
    if (read.length < asked) return rows
    last = chunk.at(-1)!
    // Cases still to walk at the rate the prefix matched so far; at that rate it matches about
    // `rate × total` cases of any status, which is what reading them in name order would read.
    const ahead = Math.ceil((needed - matched) * walked / Math.max(matched, 1))
    // The total from the status counters, read once a walk gets this far (another transaction).
    total ??= Object.values(await countCasesByStatus(db)).reduce((sum, n) => sum + n, 0)
    if (!sortTried && matched / walked * total < ahead) {
      const all = await inNameOrder(ahead)
      if (all.length < ahead) return page(all)
      sortTried = true
    }
    size = ahead
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
    if (kind === 'name') return nameSearch(db, search, status ?? null, offset, limit)
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
