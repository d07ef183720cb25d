import type { DeviceSession, ShiftDeskDB } from './database'
import type { PinAttempts } from '../utils/pin-attempts'

/** A staff member who can be picked on the lock screen, with their PIN's attempt state (never its hash). */
export interface LockableStaff {
  session: DeviceSession
  /** Null: no PIN on this device (never set, or wiped after too many wrong PINs). */
  pin: PinAttempts | null
}

/**
 * The staff who signed in on this device and did not sign out, including those whose session ran
 * out or was refused: they can still unlock and work offline, their changes wait for them.
 */
export async function lockableStaff(db: ShiftDeskDB): Promise<LockableStaff[]> {
  const sessions = (await db.sessions.toArray()).filter(s => s.token)
  const pins = await db.pins.bulkGet(sessions.map(s => s.userId))
  return sessions
    .map((session, i) => {
      const pin = pins[i]
      return { session, pin: pin ? { failures: pin.failures, lockedUntil: pin.lockedUntil } : null }
    })
    .sort((a, b) => a.session.user.name.localeCompare(b.session.user.name, 'zh-CN'))
}

/** Whether the tablet is locked rather than signed out: someone here can unlock it. */
export const deviceHasStaff = async (db: ShiftDeskDB) => (await db.sessions.filter(s => !!s.token).count()) > 0
