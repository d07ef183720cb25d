import { passwordProblem } from '../../src/domain/password-policy'
import type { StaffAccount } from '../../src/domain/staff-account'
import type { Handlers } from '../http/api'
import { hashPassword, verifyPassword } from '../auth/password'
import { ApiError, badFields, conflict, notFound } from '../http/errors'
import type { Store, WriteTx } from '../store/store'
import { changedFields, readAccountEvents, recordAccountEvent } from './account-log'
import {
  centerExists, endSessions, findAccountById, insertAccount, listAccounts, otherActiveAdmins, passwordHashOf, updateAccount, usernameTaken,
} from './account-rows'
import { oneTimePassword } from './one-time-password'

/** The fields whose change the account log records, before and after. */
const LOGGED = ['username', 'name', 'role', 'centerId', 'departments', 'disabledAt'] as const satisfies readonly (keyof StaffAccount)[]

async function accountOrThrow(tx: WriteTx, id: string): Promise<StaffAccount> {
  const account = await findAccountById(tx, id)
  if (!account) throw notFound(`No staff account ${id}`)
  return account
}

/** The last enabled administrator keeps the role: otherwise nobody could manage accounts any more. */
async function keepAnAdmin(tx: WriteTx, account: StaffAccount) {
  if (account.role === 'admin' && !account.disabledAt && await otherActiveAdmins(tx, account.id) === 0) {
    throw conflict('This is the last enabled administrator: create or enable another administrator first', 'staff.lastAdmin')
  }
}

/** Staff accounts (administrators) and changing one's own password; every change is logged. */
export function accountHandlers(store: Store): Pick<Handlers,
  'listStaff' | 'createStaff' | 'updateStaff' | 'disableStaff' | 'enableStaff' | 'resetStaffPassword' | 'accountEvents' | 'changePassword'> {
  return {
    async listStaff({ query }) {
      return { staff: await store.read(tx => listAccounts(tx, query.centerId)) }
    },

    async createStaff({ body }, { user }) {
      const password = oneTimePassword()
      const passwordHash = await hashPassword(password)
      const account = await store.write(async (tx) => {
        if (await usernameTaken(tx, body.username)) throw badFields({ username: 'staff.usernameTaken' })
        if (!await centerExists(tx, body.centerId)) throw badFields({ centerId: 'staff.unknownCenter' })
        const created = await insertAccount(tx, { ...body, passwordHash, mustChangePassword: true })
        await recordAccountEvent(tx, { actorId: user.id, targetId: created.id, action: 'created', changes: changedFields(null, created, LOGGED) })
        return created
      })
      return { account, oneTimePassword: password }
    },

    async updateStaff({ params, body }, { user }) {
      const account = await store.write(async (tx) => {
        const before = await accountOrThrow(tx, params.id)
        if (!await centerExists(tx, body.centerId)) throw badFields({ centerId: 'staff.unknownCenter' })
        if (body.role !== 'admin') await keepAnAdmin(tx, before)
        const after = await updateAccount(tx, before.id, body)
        const changes = changedFields(before, after, LOGGED)
        if (!Object.keys(changes).length) return after
        // A new role or centre changes what the person may see: they sign in again and get it fresh.
        if (changes.role || changes.centerId) await endSessions(tx, after.id)
        await recordAccountEvent(tx, { actorId: user.id, targetId: after.id, action: 'updated', changes })
        return after
      })
      return { account }
    },

    async disableStaff({ params }, { user }) {
      const account = await store.write(async (tx) => {
        const before = await accountOrThrow(tx, params.id)
        if (before.disabledAt) return before
        await keepAnAdmin(tx, before)
        const after = await updateAccount(tx, before.id, { disabledAt: new Date().toISOString() })
        await recordAccountEvent(tx, { actorId: user.id, targetId: after.id, action: 'disabled', changes: changedFields(before, after, LOGGED) })
        return after
      })
      return { account }
    },

    async enableStaff({ params }, { user }) {
      const account = await store.write(async (tx) => {
        const before = await accountOrThrow(tx, params.id)
        if (!before.disabledAt) return before
        const after = await updateAccount(tx, before.id, { disabledAt: null })
        await recordAccountEvent(tx, { actorId: user.id, targetId: after.id, action: 'enabled', changes: changedFields(before, after, LOGGED) })
        return after
      })
      return { account }
    },

    async resetStaffPassword({ params }, { user }) {
      const password = oneTimePassword()
      const passwordHash = await hashPassword(password)
      const account = await store.write(async (tx) => {
        const before = await accountOrThrow(tx, params.id)
        const after = await updateAccount(tx, before.id, { passwordHash, mustChangePassword: true })
        // Whoever held the old password is signed out everywhere.
        await endSessions(tx, after.id)
        await recordAccountEvent(tx, { actorId: user.id, targetId: after.id, action: 'passwordReset' })
        return after
      })
      return { account, oneTimePassword: password }
    },

    async accountEvents({ query }) {
      return { events: await store.read(tx => readAccountEvents(tx, query)) }
    },

    async changePassword({ body }, { user, session }) {
      const stored = await store.read(tx => passwordHashOf(tx, user.id))
      if (!stored || !await verifyPassword(body.currentPassword, stored)) throw badFields({ currentPassword: 'password.wrongCurrent' })
      const problem = body.newPassword === body.currentPassword ? 'password.unchanged' : passwordProblem(body.newPassword, user.username)
      if (problem) throw badFields({ newPassword: problem })
      const passwordHash = await hashPassword(body.newPassword)
      await store.write(async (tx) => {
        // Changed by someone else meanwhile (a reset): the current password checked above is no longer it.
        if (await passwordHashOf(tx, user.id) !== stored) throw new ApiError(409, 'CONFLICT', 'The password was changed meanwhile; sign in again', { reason: 'password.changedMeanwhile' })
        await updateAccount(tx, user.id, { passwordHash, mustChangePassword: false })
        // This session goes on; every other session of the account ends.
        await endSessions(tx, user.id, session.tokenHash)
        await recordAccountEvent(tx, { actorId: user.id, targetId: user.id, action: 'passwordChanged' })
      })
      return null
    },
  }
}
