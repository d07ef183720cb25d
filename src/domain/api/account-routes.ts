import * as v from 'valibot'
import { AccountEventSchema, NewStaffSchema, PasswordChangeSchema, StaffAccountSchema, StaffChangesSchema } from '../staff-account'
import { defineRoute } from './route'

/**
 * Staff accounts (administrators) and each staff member's own password. Every change is answered
 * at once and recorded in the account log; a one-time password is in the answer that made it and
 * nowhere else.
 */
const IdParams = v.object({ id: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)) })
const AccountAnswer = v.object({ account: StaffAccountSchema })
const WithPassword = v.object({ account: StaffAccountSchema, oneTimePassword: v.string() })

/** Every centre's staff, or one centre's (`?centerId=`). */
export const listStaff = defineRoute({
  method: 'GET', path: '/api/staff', access: 'admin',
  query: v.object({ centerId: v.optional(v.pipe(v.string(), v.maxLength(64))) }),
  response: v.object({ staff: v.array(StaffAccountSchema) }),
})

export const createStaff = defineRoute({
  method: 'POST', path: '/api/staff', access: 'admin', status: 201, fieldErrors: true, bodyLimit: 16 * 1024,
  body: NewStaffSchema, response: WithPassword,
})

export const updateStaff = defineRoute({
  method: 'PUT', path: '/api/staff/:id', access: 'admin', fieldErrors: true, bodyLimit: 16 * 1024,
  params: IdParams, body: StaffChangesSchema, response: AccountAnswer,
})

/** Its sessions are refused at once (401 ACCOUNT_DISABLED) and it cannot sign in. */
export const disableStaff = defineRoute({ method: 'POST', path: '/api/staff/:id/disable', access: 'admin', params: IdParams, response: AccountAnswer })
export const enableStaff = defineRoute({ method: 'POST', path: '/api/staff/:id/enable', access: 'admin', params: IdParams, response: AccountAnswer })

/** A new one-time password, to be changed at the next sign-in; the account's sessions end. */
export const resetStaffPassword = defineRoute({
  method: 'POST', path: '/api/staff/:id/reset-password', access: 'admin', params: IdParams, response: WithPassword,
})

/** The account log, newest first: of one account (`?targetId=`) or of all. */
export const accountEvents = defineRoute({
  method: 'GET', path: '/api/account-events', access: 'admin',
  query: v.object({
    targetId: v.optional(v.pipe(v.string(), v.maxLength(64))),
    limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'must be a number up to 9999'), v.transform(Number), v.minValue(1), v.maxValue(1000)), '200'),
  }),
  response: v.object({ events: v.array(AccountEventSchema) }),
})

/** Any staff member, their own password: the current one and the new one (src/domain/password-policy.ts). */
export const changePassword = defineRoute({
  method: 'POST', path: '/api/auth/password', access: 'staff', status: 204, fieldErrors: true, bodyLimit: 8 * 1024,
  duringPasswordChange: true, body: PasswordChangeSchema, response: null,
})
