import { centerLimit, type StaffUser } from './roles'

/** The scope of an administrator, who looks after every centre. */
export const EVERY_CENTER = '*'

/**
 * Whose citizens' data a device may hold while this person uses it: their centre's, or every
 * centre's for an administrator. A shared tablet holds one scope at a time (src/db/device-scope.ts).
 */
export const dataScopeOf = (user: Pick<StaffUser, 'role' | 'centerId'>): string => centerLimit(user) ?? EVERY_CENTER
