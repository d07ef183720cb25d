import type { CaseRecord } from '../../src/domain/case'
import { insertRows, lookup, updateRows } from '../store/bulk'
import type { ReadTx, WriteTx } from '../store/store'
import type { FieldVersions } from './field-versions'

/** Reading and writing the `cases` table; the JSON columns hold the shared domain shapes. */
export interface StoredCase { record: CaseRecord, fieldVersions: FieldVersions }

/** A stored row as read, still as text: parsed only when a mutation of the batch needs it. */
export interface CaseRow { id: string, data: string, field_versions: string, version: number, service_item_id: string | null }

/** The stored cases among `ids`, in one query (with their service item id, read by SQLite from the JSON). */
export async function loadCases(tx: ReadTx, ids: readonly string[]): Promise<Map<string, CaseRow>> {
  const rows = await lookup<CaseRow>(tx, `select c.id, c.data, c.field_versions, c.version, c.data ->> '$.serviceItemId' as service_item_id
    from json_each(?) k cross join cases c on c.id = k.value`, ids)
  return new Map(rows.map(row => [row.id, row]))
}

/** Which of `caseNos` other cases already have, in one query. */
export async function takenCaseNos(tx: ReadTx, caseNos: readonly string[]): Promise<Set<string>> {
  const rows = await lookup<{ case_no: string }>(tx, 'select c.case_no from json_each(?) k cross join cases c on c.case_no = k.value', caseNos)
  return new Set(rows.map(row => row.case_no))
}

/** A case as a batch leaves it: its final data, and the version it had in the table (0 = new). */
export interface CaseWrite { record: CaseRecord, data: string, fieldVersions: FieldVersions, seq: number, storedVersion: number }

/** Inserts the batch's new cases and updates its changed ones, each guarded by the version it was read at. */
export async function saveCases(tx: WriteTx, writes: readonly CaseWrite[]): Promise<void> {
  const values = (w: CaseWrite) => [w.record.status, w.data, JSON.stringify(w.fieldVersions), w.record.version, w.seq, w.record.updatedAt]
  const created = writes.filter(w => w.storedVersion === 0)
  await insertRows(tx, 'cases', ['id', 'center_id', 'case_no', 'status', 'data', 'field_versions', 'version', 'seq', 'updated_at'],
    created.map(w => [w.record.id, w.record.centerId, w.record.caseNo, ...values(w)]))
  const changed = writes.filter(w => w.storedVersion !== 0)
  const updated = await updateRows(tx, 'cases', 'id', ['status', 'data', 'field_versions', 'version', 'seq', 'updated_at'], 'version',
    changed.map(w => [w.record.id, ...values(w), w.storedVersion]))
  if (updated !== changed.length) throw new Error('A case changed while its batch was being applied')
}
