import type { DeviceSession, ShiftDeskDB } from '../db/database'
import { readDataScope } from '../db/device-scope'
import { readMeta } from '../db/meta'
import { dataScopeOf } from '../domain'
import { AccountDisabled, type SessionRefused } from '../api/client'

/** Sessions that may still push: not refused by the server and not past their expiry. */
export async function usableSessions(db: ShiftDeskDB, now = Date.now()): Promise<Map<string, DeviceSession>> {
  const sessions = await db.sessions.toArray()
  return new Map(sessions.filter(s => !s.expired && s.token && Date.parse(s.expiresAt) > now).map(s => [s.userId, s]))
}

/**
 * The session to pull with: the current user's if usable, else any usable one — of the scope whose
 * data the device holds (a colleague of another centre who only locked the tablet pulls nothing here).
 */
export async function pullSession(db: ShiftDeskDB, usable: Map<string, DeviceSession>): Promise<DeviceSession | undefined> {
  const [current, held] = await Promise.all([readMeta<string | null>(db, 'currentUserId', null), readDataScope(db)])
  const fits = (s: DeviceSession | undefined) => s && (held === null || dataScopeOf(s.user) === held) ? s : undefined
  return fits(current ? usable.get(current) : undefined) ?? [...usable.values()].find(s => fits(s))
}

/**
 * The central system refused a session: its changes wait until they sign in again. A disabled
 * account's session ends here too (no token to unlock with), saying why.
 */
export const markSessionRefused = (db: ShiftDeskDB, userId: string, refusal?: SessionRefused) =>
  db.sessions.update(userId, refusal instanceof AccountDisabled ? { expired: true, token: '', ended: 'accountDisabled' } : { expired: true })
