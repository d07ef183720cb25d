import { uuidv7 } from 'uuidv7'
import type { Role } from '../../src/domain/roles'
import type { StaffAccount } from '../../src/domain/staff-account'
import type { ReadTx, WriteTx } from '../store/store'

/** The staff accounts as administrators see them: never a password hash. */
const COLUMNS = ['id', 'username', 'name', 'role', 'center_id', 'departments', 'disabled_at', 'must_change_password', 'demo'] as const

type Row = { id: string, username: string, name: string, role: string, center_id: string, departments: string, disabled_at: string | null, must_change_password: number, demo: number }

const toAccount = (row: Row): StaffAccount => ({
  id: row.id, username: row.username, name: row.name, role: row.role as Role, centerId: row.center_id,
  departments: JSON.parse(row.departments) as string[], disabledAt: row.disabled_at,
  mustChangePassword: row.must_change_password === 1, demo: row.demo === 1,
})

export async function listAccounts(tx: ReadTx, centerId?: string): Promise<StaffAccount[]> {
  let query = tx.selectFrom('users').select(COLUMNS).orderBy('center_id').orderBy('username')
  if (centerId !== undefined) query = query.where('center_id', '=', centerId)
  return (await query.execute()).map(toAccount)
}

export async function findAccountById(tx: ReadTx, id: string): Promise<StaffAccount | undefined> {
  const row = await tx.selectFrom('users').select(COLUMNS).where('id', '=', id).executeTakeFirst()
  return row && toAccount(row)
}

export async function usernameTaken(tx: ReadTx, username: string): Promise<boolean> {
  return !!await tx.selectFrom('users').select('id').where('username', '=', username.toLowerCase()).executeTakeFirst()
}

export async function centerExists(tx: ReadTx, centerId: string): Promise<boolean> {
  return !!await tx.selectFrom('centers').select('id').where('id', '=', centerId).executeTakeFirst()
}

/** Enabled administrators other than `exceptId`: the last one may not be disabled or demoted. */
export async function otherActiveAdmins(tx: ReadTx, exceptId: string): Promise<number> {
  const row = await tx.selectFrom('users').select(eb => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin').where('disabled_at', 'is', null).where('id', '!=', exceptId).executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface AccountValues {
  username: string
  name: string
  role: Role
  centerId: string
  departments: string[]
  passwordHash: string
  mustChangePassword: boolean
}

export async function insertAccount(tx: WriteTx, values: AccountValues): Promise<StaffAccount> {
  const id = uuidv7()
  await tx.insertInto('users').values({
    id, username: values.username, name: values.name, role: values.role, center_id: values.centerId,
    departments: JSON.stringify(values.departments), password_hash: values.passwordHash, demo: 0,
    must_change_password: values.mustChangePassword ? 1 : 0,
  }).execute()
  return (await findAccountById(tx, id))!
}

export type AccountUpdate = Partial<{ name: string, role: Role, centerId: string, departments: string[], disabledAt: string | null, passwordHash: string, mustChangePassword: boolean }>

export async function updateAccount(tx: WriteTx, id: string, update: AccountUpdate): Promise<StaffAccount> {
  const set: Record<string, unknown> = {}
  if (update.name !== undefined) set.name = update.name
  if (update.role !== undefined) set.role = update.role
  if (update.centerId !== undefined) set.center_id = update.centerId
  if (update.departments !== undefined) set.departments = JSON.stringify(update.departments)
  if (update.disabledAt !== undefined) set.disabled_at = update.disabledAt
  if (update.passwordHash !== undefined) set.password_hash = update.passwordHash
  if (update.mustChangePassword !== undefined) set.must_change_password = update.mustChangePassword ? 1 : 0
  if (Object.keys(set).length) await tx.updateTable('users').set(set).where('id', '=', id).execute()
  return (await findAccountById(tx, id))!
}

export async function passwordHashOf(tx: ReadTx, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst())?.password_hash
}

/** Ends the account's sessions (all, or all but `keepTokenHash`): after a reset, a password change, a move. */
export async function endSessions(tx: WriteTx, userId: string, keepTokenHash?: string): Promise<void> {
  let query = tx.deleteFrom('sessions').where('user_id', '=', userId)
  if (keepTokenHash) query = query.where('token_hash', '!=', keepTokenHash)
  await query.execute()
}
