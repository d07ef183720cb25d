import type { DeviceSession, ShiftDeskDB } from '../db/database'
import { writeMeta } from '../db/meta'
import { callApi, CentralError, CentralUnreachable, SessionRefused } from '../api/client'
import { login, logout } from '../domain/api/sync-routes'
import { deviceIdentity } from '../db/device'
import { resetPinAttempts } from '../db/device-pins'

/** Why a sign-in failed, as an i18n key under `signIn.error.*`. */
export type SignInProblem = 'credentials' | 'rateLimited' | 'unreachable' | 'failed'

export class SignInError extends Error {
  constructor(readonly problem: SignInProblem) { super(problem) }
}

/**
 * Signs a staff member in at the central system and keeps their session on the device, so their
 * changes can be pushed later. A refused session of theirs is made usable again, and their PIN
 * attempts on this device start again (the password proved who they are).
 */
export async function signInAtCentral(db: ShiftDeskDB, baseUrl: string, username: string, password: string): Promise<DeviceSession> {
  const { deviceId } = await deviceIdentity(db)
  let answer
  try {
    answer = await callApi(login, { body: { username, password, deviceId } }, { baseUrl })
  }
  catch (error) {
    if (error instanceof SessionRefused) throw new SignInError('credentials')
    if (error instanceof CentralError && error.status === 429) throw new SignInError('rateLimited')
    if (error instanceof CentralUnreachable) throw new SignInError('unreachable')
    throw new SignInError('failed')
  }
  const session: DeviceSession = {
    userId: answer.user.id, user: answer.user, center: answer.center, token: answer.token, expiresAt: answer.expiresAt, expired: false,
    ...(answer.mustChangePassword ? { mustChangePassword: true } : {}),
  }
  await db.transaction('rw', db.sessions, db.pins, db.meta, async () => {
    await db.sessions.put(session)
    await resetPinAttempts(db, session.userId)
    await writeMeta(db, 'currentUserId', session.userId)
  })
  return session
}

/** Ends the session at the central system when it answers; the device forgets the token either way. */
export async function signOutAtCentral(db: ShiftDeskDB, baseUrl: string, session: DeviceSession): Promise<void> {
  await callApi(logout, {}, { baseUrl, token: session.token }).catch(() => undefined)
  await db.transaction('rw', db.sessions, db.meta, async () => {
    await db.sessions.update(session.userId, { token: '', expired: true })
    await writeMeta(db, 'currentUserId', null)
  })
}
