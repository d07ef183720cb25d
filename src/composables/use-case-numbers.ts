import { computed, type Ref } from 'vue'
import { db } from '../db/db'
import type { OutboxEntry } from '../db/database'
import { useLiveQuery } from './use-live-query'

/**
 * 办件编号 for outbox entries: a create carries it in its payload, other changes look their case
 * up (one bulk read for the whole list, not one query per row).
 */
export function useCaseNumbers(entries: Ref<OutboxEntry[]>): Ref<Map<string, string>> {
  const ids = computed(() => [...new Set(entries.value.map(entry => entry.entityId))])
  return useLiveQuery(async () => {
    const numbers = new Map<string, string>()
    const records = await db.cases.bulkGet(ids.value)
    for (const record of records) if (record) numbers.set(record.id, record.caseNo)
    for (const entry of entries.value) {
      const caseNo = entry.mutation.payload.caseNo
      if (typeof caseNo === 'string') numbers.set(entry.entityId, caseNo)
    }
    return numbers
  }, new Map<string, string>(), [ids])
}
