export const ROLES = ['clerk', 'outreach', 'supervisor', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** The signed-in staff member as the app and the server see them. */
export interface StaffUser {
  id: string
  username: string
  name: string
  role: Role
  centerId: string
  /**
   * A supervisor's approval departments (审批部门): they decide only cases of items of these
   * departments; empty or absent: any item of their centre.
   */
  departments?: string[]
}

/** Roles that take in and progress cases at a window or an outreach point. */
export const CASE_WORKERS: readonly Role[] = ['clerk', 'outreach', 'supervisor']

/**
 * The centre a user's data is limited to: administrators look after every centre (null), everyone
 * else sees only their own centre's data. The one place this rule is written; the server's queries
 * apply it through server/store/center-scope.ts.
 */
export const centerLimit = (user: Pick<StaffUser, 'role' | 'centerId'>): string | null =>
  user.role === 'admin' ? null : user.centerId

export const seesCenter = (user: Pick<StaffUser, 'role' | 'centerId'>, centerId: string) => {
  const only = centerLimit(user)
  return only === null || only === centerId
}

/** The scope of an administrator, who looks after every centre. */
export const EVERY_CENTER = '*'

/**
 * Whose citizens' data a device may hold while this person uses it: their centre's, or every
 * centre's for an administrator. A shared tablet holds one scope at a time (src/db/device-scope.ts).
 */
export const dataScopeOf = (user: Pick<StaffUser, 'role' | 'centerId'>): string => centerLimit(user) ?? EVERY_CENTER
