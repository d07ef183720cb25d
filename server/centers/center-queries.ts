import type { StaffUser } from '../../src/domain/roles'
import type { ServiceCenter } from '../../src/domain/service-item'
import { inCentersOf } from '../store/center-scope'
import type { ReadTx } from '../store/store'

/** The centres `user` may see, in code order: every centre for an administrator, else their own. */
export async function centersOf(tx: ReadTx, user: StaffUser): Promise<ServiceCenter[]> {
  const rows = await inCentersOf(tx.selectFrom('centers').select(['id', 'code', 'name', 'name_en']), 'id', user).orderBy('code').execute()
  return rows.map(c => ({ id: c.id, code: c.code, name: c.name, nameEn: c.name_en }))
}

export async function centerExists(tx: ReadTx, id: string): Promise<boolean> {
  return !!await tx.selectFrom('centers').select('id').where('id', '=', id).executeTakeFirst()
}

/** Every centre's code by its id (a handful of rows): a new case's number must carry its centre's. */
export async function centerCodes(tx: ReadTx): Promise<Map<string, string>> {
  const rows = await tx.selectFrom('centers').select(['id', 'code']).execute()
  return new Map(rows.map(c => [c.id, c.code]))
}
