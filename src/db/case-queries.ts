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

function searchCollection(db: ShiftDeskDB, search: string) {
  const q = search.trim()
  switch (searchKind(q)) {
    case 'idNumber': return db.cases.where('idNumber').equals(q.toUpperCase())
    case 'caseNo': return db.cases.where('caseNo').startsWith(q.toUpperCase())
    case 'name': return db.cases.where('applicantName').startsWith(q)
  }
}

export async function listCases(db: ShiftDeskDB, query: CaseListQuery): Promise<CasePage> {
  const { status, search, offset, limit } = query
  let collection
  if (search?.trim()) {
    collection = searchCollection(db, search)
    if (status) collection = collection.filter(c => c.status === status)
  }
  else if (status) {
    collection = db.cases.where('[status+receivedAt]').between([status, Dexie.minKey], [status, Dexie.maxKey]).reverse()
  }
  else {
    collection = db.cases.orderBy('receivedAt').reverse()
  }
  const rows = await collection.offset(offset).limit(limit + 1).toArray()
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit }
}

/** Counts for the status filter chips, each from the [status+receivedAt] index. */
export async function countCasesByStatus(db: ShiftDeskDB): Promise<Record<CaseStatus, number>> {
  const counts = await Promise.all(CASE_STATUSES.map(status =>
    db.cases.where('[status+receivedAt]').between([status, Dexie.minKey], [status, Dexie.maxKey]).count()))
  return Object.fromEntries(CASE_STATUSES.map((status, i) => [status, counts[i]!])) as Record<CaseStatus, number>
}
