import type { CaseRecord } from '../../src/domain/case'
import type { ServiceItem } from '../../src/domain/service-item'
import type { DB } from '../db/database'
import type { FieldVersions } from './field-versions'

/** Reading and writing the `cases` table; the JSON columns hold the shared domain shapes. */
export interface StoredCase { record: CaseRecord, fieldVersions: FieldVersions }

export async function loadCase(trx: DB, id: string): Promise<StoredCase | undefined> {
  const row = await trx.selectFrom('cases').select(['data', 'field_versions']).where('id', '=', id).executeTakeFirst()
  return row && { record: JSON.parse(row.data) as CaseRecord, fieldVersions: JSON.parse(row.field_versions) as FieldVersions }
}

export async function caseNoTaken(trx: DB, caseNo: string): Promise<boolean> {
  return !!await trx.selectFrom('cases').select('id').where('case_no', '=', caseNo).executeTakeFirst()
}

export async function loadServiceItem(trx: DB, id: unknown): Promise<ServiceItem | undefined> {
  if (typeof id !== 'string') return undefined
  const row = await trx.selectFrom('service_items').select('data').where('id', '=', id).executeTakeFirst()
  return row && JSON.parse(row.data) as ServiceItem
}

/** Inserts a new case or replaces the stored one; `previousVersion` guards against lost updates. */
export async function saveCase(trx: DB, next: CaseRecord, fieldVersions: FieldVersions, seq: number, previousVersion: number): Promise<void> {
  const values = {
    status: next.status,
    data: JSON.stringify(next),
    field_versions: JSON.stringify(fieldVersions),
    version: next.version,
    seq,
    updated_at: next.updatedAt,
  }
  if (previousVersion === 0) {
    await trx.insertInto('cases').values({ id: next.id, center_id: next.centerId, case_no: next.caseNo, ...values }).execute()
    return
  }
  const result = await trx.updateTable('cases').set(values)
    .where('id', '=', next.id).where('version', '=', previousVersion).executeTakeFirst()
  if (result.numUpdatedRows !== 1n) throw new Error(`Case ${next.id} changed while being updated`)
}
