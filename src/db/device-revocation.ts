import type { ShiftDeskDB } from './database'
import { readMeta } from './meta'

/** Set when the central system said this device was revoked; cleared by the next sign-in it accepts. */
export const REVOKED = 'deviceRevoked'

export interface Revocation {
  /** When this device learned it was revoked. */
  at: string
}

export const readRevocation = (db: ShiftDeskDB) => readMeta<Revocation | null>(db, REVOKED, null)

/** A sign-in the central system accepted: the device is in use again. */
export const clearRevocation = (db: ShiftDeskDB) => db.meta.delete(REVOKED)
