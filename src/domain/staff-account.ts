import * as v from 'valibot'
import { ROLES } from './roles'

/**
 * Staff accounts as administrators manage them: the form's fields, checked the same way in the
 * app and on the server; every message is an i18n key (`staff.*`, `field.*`) shown under its field.
 */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/
/** Control and bidi-override characters make a name display as something else; never in a name. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}]/u

const required = (issue: v.BaseIssue<unknown>) => issue.received === 'undefined' || issue.received === '""' ? 'field.required' : 'field.invalid'

const UsernameSchema = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.nonEmpty('field.required'), v.regex(USERNAME_PATTERN, 'staff.usernameFormat'))
const NameSchema = v.pipe(
  v.string(), v.trim(), v.normalize('NFC'), v.nonEmpty('field.required'), v.maxLength(40, 'field.tooLong'),
  v.check(name => !HIDDEN_CHARACTERS.test(name), 'staff.hiddenCharacters'),
)
const DepartmentSchema = v.pipe(
  v.string(), v.trim(), v.normalize('NFC'), v.nonEmpty('field.required'), v.maxLength(60, 'field.tooLong'),
  v.check(name => !HIDDEN_CHARACTERS.test(name), 'staff.hiddenCharacters'),
)
const DepartmentsSchema = v.pipe(v.array(DepartmentSchema), v.maxLength(30, 'field.tooLong'), v.transform(list => [...new Set(list)]))

/** Approval departments only mean something for a supervisor; anyone else's must be empty. */
const departmentsFitRole = (input: { role: string, departments: string[] }) => input.role === 'supervisor' || input.departments.length === 0

/** What an administrator fills in for a new account; the password is made by the server. */
export const NewStaffSchema = v.config(v.pipe(
  v.strictObject({
    username: UsernameSchema, name: NameSchema, role: v.picklist(ROLES, 'field.invalid'),
    centerId: v.pipe(v.string(), v.nonEmpty('field.required'), v.maxLength(64, 'field.invalid')),
    departments: v.optional(DepartmentsSchema, []),
  }),
  v.forward(v.partialCheck([['role'], ['departments']], departmentsFitRole, 'staff.departmentsSupervisorOnly'), ['departments']),
), { message: required })
export type NewStaff = v.InferOutput<typeof NewStaffSchema>

/** An edit of an account: the username stays (it is how the person signs in and is named in the audit trail). */
export const StaffChangesSchema = v.config(v.pipe(
  v.strictObject({
    name: NameSchema, role: v.picklist(ROLES, 'field.invalid'),
    centerId: v.pipe(v.string(), v.nonEmpty('field.required'), v.maxLength(64, 'field.invalid')),
    departments: v.optional(DepartmentsSchema, []),
  }),
  v.forward(v.partialCheck([['role'], ['departments']], departmentsFitRole, 'staff.departmentsSupervisorOnly'), ['departments']),
), { message: required })
export type StaffChanges = v.InferOutput<typeof StaffChangesSchema>

export const PasswordChangeSchema = v.config(v.strictObject({
  currentPassword: v.pipe(v.string(), v.nonEmpty('field.required'), v.maxLength(1000, 'field.tooLong')),
  newPassword: v.pipe(v.string(), v.nonEmpty('field.required'), v.maxLength(1000, 'field.tooLong')),
}), { message: required })

export const StaffAccountSchema = v.object({
  id: v.string(),
  username: v.string(),
  name: v.string(),
  role: v.picklist(ROLES),
  centerId: v.string(),
  departments: v.array(v.string()),
  /** When an administrator disabled it; null while it may sign in. */
  disabledAt: v.nullable(v.string()),
  /** Its password is a one-time password that must be changed at the next sign-in. */
  mustChangePassword: v.boolean(),
  /** A demo account (published password). */
  demo: v.boolean(),
})
export type StaffAccount = v.InferOutput<typeof StaffAccountSchema>

export const ACCOUNT_ACTIONS = ['created', 'updated', 'disabled', 'enabled', 'passwordReset', 'passwordChanged'] as const
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number]

/** One change to an account, as the append-only log keeps it; `changes` never holds a password or hash. */
export const AccountEventSchema = v.object({
  id: v.number(),
  at: v.string(),
  actorId: v.string(),
  actorName: v.string(),
  targetId: v.string(),
  targetUsername: v.string(),
  action: v.picklist(ACCOUNT_ACTIONS),
  changes: v.record(v.string(), v.object({ before: v.unknown(), after: v.unknown() })),
})
export type AccountEvent = v.InferOutput<typeof AccountEventSchema>
