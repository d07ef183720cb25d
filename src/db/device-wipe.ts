import type { ShiftDeskDB } from './database'
import { clearCitizensData, scopeTables } from './device-scope'
import { readMeta, writeMeta } from './meta'

/** Set when the central system said this device was revoked; cleared by the next sign-in it accepts. */
const REVOKED = 'deviceRevoked'

export interface Revocation {
  /** When this device learned it was revoked. */
  at: string
}

export const readRevocation = (db: ShiftDeskDB) => readMeta<Revocation | null>(db, REVOKED, null)

/**
 * The central system revoked this device: every session, PIN and citizens' data goes, in one
 * transaction; only the waiting changes stay (they are not on the central system yet), until
 * their authors sign in on a reinstated device. Nobody is current afterwards, and with no
 * session and no PIN nobody can unlock: only a password sign-in the central system accepts.
 */
export function wipeRevokedDevice(db: ShiftDeskDB): Promise<void> {
  return db.transaction('rw', [...scopeTables(db), db.sessions, db.pins], async () => {
    await Promise.all([db.sessions.clear(), db.pins.clear(), clearCitizensData(db)])
    await writeMeta(db, 'currentUserId', null)
    if (!await readRevocation(db)) await writeMeta(db, REVOKED, { at: new Date().toISOString() } satisfies Revocation)
  })
}

/** A sign-in the central system accepted: the device is in use again. */
export const clearRevocation = (db: ShiftDeskDB) => db.meta.delete(REVOKED)
