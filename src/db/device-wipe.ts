import type { ShiftDeskDB } from './database'
import { forgetDataKeys } from './data-keys'
import { clearCitizensData, scopeTables } from './device-scope'
import { readRevocation, REVOKED, type Revocation } from './device-revocation'
import { writeMeta } from './meta'

/**
 * The central system revoked this device: every session, PIN and citizens' data goes, in one
 * transaction; only the waiting changes stay (they are not on the central system yet), until
 * their authors sign in on a reinstated device. Nobody is current afterwards, and with no
 * session and no PIN nobody can unlock: only a password sign-in the central system accepts.
 */
export function wipeRevokedDevice(db: ShiftDeskDB): Promise<void> {
  forgetDataKeys(db)
  return db.transaction('rw', [...scopeTables(db), db.sessions, db.pins], async () => {
    await Promise.all([db.sessions.clear(), db.pins.clear(), clearCitizensData(db)])
    await writeMeta(db, 'currentUserId', null)
    if (!await readRevocation(db)) await writeMeta(db, REVOKED, { at: new Date().toISOString() } satisfies Revocation)
  })
}
