export const ROLES = ['clerk', 'outreach', 'supervisor', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** The signed-in staff member as the app and the server see them. */
export interface StaffUser {
  id: string
  username: string
  name: string
  role: Role
  centerId: string
}

/** Roles that take in and progress cases at a window or an outreach point. */
export const CASE_WORKERS: readonly Role[] = ['clerk', 'outreach', 'supervisor']

/** Admins look after every centre; everyone else sees only their own centre's data. */
export const seesCenter = (user: Pick<StaffUser, 'role' | 'centerId'>, centerId: string) =>
  user.role === 'admin' || user.centerId === centerId
