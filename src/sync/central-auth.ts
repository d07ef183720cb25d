import type { DeviceSession, ShiftDeskDB } from '../db/database'
import { writeMeta } from '../db/meta'
import { AccountDisabled, callApi, CentralError, CentralUnreachable, DeviceRevoked, SessionRefused } from '../api/client'
import { login, logout } from '../domain/api/sync-routes'
import { deviceIdentity } from '../db/device'
import { resetPinAttempts } from '../db/device-pins'
import { clearCitizensData, scopeTables } from '../db/device-scope'
import { enterScope } from '../db/scope-switch'
import { deviceHasStaff } from '../db/device-staff'
import { clearRevocation } from '../db/device-revocation'
import { wipeRevokedDevice } from '../db/device-wipe'
import { markSessionRefused } from './sessions'
import { forgetDataKeys, holdDataKeys } from '../db/data-keys'
import { importDataKey } from '../utils/data-key'

/** Why a sign-in failed, as an i18n key under `signIn.error.*`. */
export type SignInProblem = 'credentials' | 'rateLimited' | 'unreachable' | 'failed' | 'deviceRevoked' | 'accountDisabled'

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
    if (error instanceof DeviceRevoked) {
      await wipeRevokedDevice(db)
      throw new SignInError('deviceRevoked')
    }
    if (error instanceof AccountDisabled) {
      const stored = (await db.sessions.toArray()).find(s => s.user.username === username)
      if (stored) await markSessionRefused(db, stored.userId, 'accountDisabled')
      throw new SignInError('accountDisabled')
    }
    if (error instanceof SessionRefused) throw new SignInError('credentials')
    // 503 BUSY: too many password checks wait on the server; like a limit, it asks to try again shortly.
    if (error instanceof CentralError && (error.status === 429 || error.status === 503)) throw new SignInError('rateLimited')
    if (error instanceof CentralUnreachable) throw new SignInError('unreachable')
    throw new SignInError('failed')
  }
  const session: DeviceSession = {
    userId: answer.user.id, user: answer.user, center: answer.center, token: answer.token, expiresAt: answer.expiresAt, expired: false,
    ...(answer.mustChangePassword ? { mustChangePassword: true } : {}),
  }
  // Another scope's citizens' data leaves before this person sees anything.
  await enterScope(db, session.user)
  // The data key stays in memory only; their PIN wraps it (set now or at their next unlock).
  holdDataKeys(db, await importDataKey(answer.dataKey))
  await db.transaction('rw', db.sessions, db.pins, db.meta, async () => {
    await clearRevocation(db)
    await db.sessions.put(session)
    await resetPinAttempts(db, session.userId)
    await writeMeta(db, 'currentUserId', session.userId)
  })
  return session
}

/**
 * Ends the session at the central system when it answers; the device forgets the token either way.
 * The last person signed in to sign out takes citizens' data with them: only waiting changes stay.
 */
export async function signOutAtCentral(db: ShiftDeskDB, baseUrl: string, session: DeviceSession): Promise<void> {
  await callApi(logout, {}, { baseUrl, token: session.token }).catch(() => undefined)
  forgetDataKeys(db)
  await db.transaction('rw', [...scopeTables(db), db.sessions], async () => {
    await db.sessions.update(session.userId, { token: '', expired: true })
    await writeMeta(db, 'currentUserId', null)
    if (!await deviceHasStaff(db)) await clearCitizensData(db)
  })
}
