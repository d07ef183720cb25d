import type { Ref } from 'vue'
import { type CaseListQuery, type CasePage, countCasesByStatus, listCases } from '../db/case-queries'
import type { OutboxEntry } from '../db/database'
import { db } from '../db/db'
import { CASE_STATUSES, type CaseRecord, type CaseStatus } from '../domain'
import { useLiveQuery } from './use-live-query'

/** One page of the case list for the given filter, search and offset; live. */
export function useCaseList(query: Ref<CaseListQuery>): Ref<CasePage> {
  return useLiveQuery(() => listCases(db, query.value), { rows: [], hasMore: false }, [query])
}

/** Counts per status for the filter chips; live. */
export function useStatusCounts(): Ref<Record<CaseStatus, number>> {
  const zero = Object.fromEntries(CASE_STATUSES.map(s => [s, 0])) as Record<CaseStatus, number>
  return useLiveQuery(() => countCasesByStatus(db), zero)
}

/** One case (undefined while loading, null when absent) and its changes still on this device. */
export function useCaseRecord(id: Ref<string>) {
  const record = useLiveQuery<CaseRecord | null | undefined>(async () => (await db.cases.get(id.value)) ?? null, undefined, [id])
  const changes = useLiveQuery(() => db.outbox.where('entityId').equals(id.value).sortBy('seq'), [] as OutboxEntry[], [id])
  return { record, changes }
}
