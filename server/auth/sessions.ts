import { createHash, randomBytes } from 'node:crypto'
import type { Role, StaffUser } from '../../src/domain/roles'
import type { ReadTx, WriteTx } from '../store/store'

/**
 * Opaque session tokens: the client gets 32 random bytes (base64url); the database keeps only
 * their SHA-256, so a copy of the database does not let anyone sign in as a user.
 */
export const SESSION_HOURS = 12

export interface Session {
  user: StaffUser
  deviceId: string
  tokenHash: string
  /** Signed in with a one-time password not yet changed: only a password change or sign-out is served. */
  mustChangePassword: boolean
}

/** The staff member as the domain sees them, from a users row. */
export const staffUser = (row: { id: string, username: string, name: string, role: string, centerId: string, departments: string }): StaffUser =>
  ({ id: row.id, username: row.username, name: row.name, role: row.role as Role, centerId: row.centerId, departments: JSON.parse(row.departments) as string[] })

/** Why a token that was once good is refused now: the account was disabled, or the device revoked. */
export type SessionEnd = 'disabled' | 'revoked'

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export async function createSession(tx: WriteTx, userId: string, deviceId: string, now = new Date()) {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString()
  await tx.insertInto('sessions').values({
    token_hash: hashToken(token), user_id: userId, device_id: deviceId, created_at: now.toISOString(), expires_at: expiresAt,
  }).execute()
  return { token, expiresAt }
}

/**
 * The live session of a bearer token; null when it is unknown, logged out or expired; `ended`
 * when its account was disabled or its device revoked since (the device is told which).
 */
export async function findSession(tx: ReadTx, token: string, now = new Date()): Promise<Session | { ended: SessionEnd } | null> {
  const tokenHash = hashToken(token)
  const row = await tx.selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('devices', 'devices.id', 'sessions.device_id')
    .select(['users.id', 'users.username', 'users.name', 'users.role', 'users.center_id', 'users.disabled_at', 'users.departments', 'users.must_change_password', 'sessions.device_id', 'devices.revoked_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now.toISOString())
    .executeTakeFirst()
  if (!row) return null
  if (row.revoked_at) return { ended: 'revoked' }
  if (row.disabled_at) return { ended: 'disabled' }
  const user = staffUser({ ...row, centerId: row.center_id })
  return { user, deviceId: row.device_id, tokenHash, mustChangePassword: row.must_change_password === 1 }
}

export async function deleteSession(tx: WriteTx, tokenHash: string): Promise<void> {
  await tx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}

/** Expired rows are useless; removed at sign-in so the table does not grow forever. */
export async function deleteExpiredSessions(tx: WriteTx, now = new Date()): Promise<void> {
  await tx.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute()
}

/** A user and their centre by username (case-insensitive), with the password hash to check. */
export function findAccount(tx: ReadTx, username: string) {
  return tx.selectFrom('users').innerJoin('centers', 'centers.id', 'users.center_id')
    .select([
      'users.id', 'users.username', 'users.name', 'users.role', 'users.password_hash', 'users.disabled_at', 'users.must_change_password', 'users.departments',
      'centers.id as centerId', 'centers.code', 'centers.name as centerName', 'centers.name_en',
    ])
    .where('users.username', '=', username.toLowerCase())
    .executeTakeFirst()
}
