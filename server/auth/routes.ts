import type { LoginResponse } from '../../src/domain/protocol'
import type { Handlers } from '../http/api'
import { signInOnDevice } from '../devices/device-rows'
import { accountDisabled, deviceRevoked, tooManyRequests, unauthorized } from '../http/errors'
import { RateLimit } from '../http/rate-limit'
import type { Store } from '../store/store'
import { dummyPasswordHash, verifyPassword } from './password'
import { createSession, deleteExpiredSessions, deleteSession, findAccount, staffUser } from './sessions'

/** Failed sign-ins per address and username: after 5 within 15 minutes, 429 until the oldest ages out. */
export const MAX_FAILURES = 5
export const FAILURE_WINDOW_MS = 15 * 60 * 1000

// One message for unknown users and wrong passwords, so sign-in does not reveal which usernames exist.
const BAD_CREDENTIALS = 'Wrong username or password'

/** POST /api/auth/login and /api/auth/logout. */
export async function authHandlers(store: Store): Promise<Pick<Handlers, 'login' | 'logout'>> {
  const failures = new RateLimit(MAX_FAILURES, FAILURE_WINDOW_MS)
  await dummyPasswordHash() // made now, so the first unknown username is not answered faster or slower
  return {
    async login({ body: { username, password, deviceId } }, { request }) {
      const key = `${request.ip}\n${username.toLowerCase()}`
      const retryAfter = failures.retryAfter(key)
      if (retryAfter) throw tooManyRequests(`Too many failed sign-ins; try again in ${retryAfter} s`, retryAfter)
      const user = await store.read(tx => findAccount(tx, username))
      const ok = await verifyPassword(password, user?.password_hash ?? await dummyPasswordHash())
      if (!user || !ok) {
        failures.record(key)
        throw unauthorized(BAD_CREDENTIALS)
      }
      failures.clear(key)
      // Told only to someone who knows the password: a disabled account is not a wrong password.
      if (user.disabled_at) throw accountDisabled()
      const signedIn = await store.write(async (tx) => {
        const device = await signInOnDevice(tx, deviceId, user.id)
        if (device.revokedAt) return null
        await deleteExpiredSessions(tx)
        return { ...await createSession(tx, user.id, deviceId), dataKey: device.dataKey }
      })
      if (!signedIn) throw deviceRevoked()
      const { token, expiresAt, dataKey } = signedIn
      return {
        token,
        expiresAt,
        dataKey,
        user: staffUser(user),
        mustChangePassword: user.must_change_password === 1,
        center: { id: user.centerId, code: user.code, name: user.centerName, nameEn: user.name_en },
      } satisfies LoginResponse
    },

    async logout(_input, { session }) {
      await store.write(tx => deleteSession(tx, session.tokenHash))
      return null
    },
  }
}
