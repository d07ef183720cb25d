import type { DeviceSession, ShiftDeskDB } from '../db/database'
import { readMeta } from '../db/meta'

/** Sessions that may still push: not refused by the server and not past their expiry. */
export async function usableSessions(db: ShiftDeskDB, now = Date.now()): Promise<Map<string, DeviceSession>> {
  const sessions = await db.sessions.toArray()
  return new Map(sessions.filter(s => !s.expired && Date.parse(s.expiresAt) > now).map(s => [s.userId, s]))
}

/** The session to pull with: the current user's if usable, else any usable one. */
export async function pullSession(db: ShiftDeskDB, usable: Map<string, DeviceSession>): Promise<DeviceSession | undefined> {
  const current = await readMeta<string | null>(db, 'currentUserId', null)
  return (current ? usable.get(current) : undefined) ?? usable.values().next().value
}

export const markSessionRefused = (db: ShiftDeskDB, userId: string) =>
  db.sessions.update(userId, { expired: true })
