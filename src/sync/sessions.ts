import type { DeviceSession, ShiftDeskDB } from '../db/database'

/** Sessions that may still push: not refused by the server and not past their expiry. */
export async function usableSessions(db: ShiftDeskDB, now = Date.now()): Promise<Map<string, DeviceSession>> {
  const sessions = await db.sessions.toArray()
  return new Map(sessions.filter(s => !s.expired && s.token && Date.parse(s.expiresAt) > now).map(s => [s.userId, s]))
}

/**
 * The central system refused a session: its changes wait until they sign in again. A disabled
 * account's session ends here too (no token to unlock with), saying why.
 */
export const markSessionRefused = (db: ShiftDeskDB, userId: string, ended?: DeviceSession['ended']) =>
  db.sessions.update(userId, ended ? { expired: true, token: '', ended } : { expired: true })
