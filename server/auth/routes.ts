import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { LoginResponse } from '../../src/domain/protocol'
import type { Handlers } from '../http/api'
import { signInOnDevice } from '../devices/device-rows'
import { accountDisabled, deviceRevoked, tooManyRequests, unauthorized } from '../http/errors'
import { LIMITS } from '../http/limits'
import { logRefusal } from '../http/limit-log'
import { perAddress } from '../http/rate-limit'
import type { Store } from '../store/store'
import { PoolFull } from './hash-pool'
import { dummyPasswordHash, verifyPassword } from './password'
import { createSession, deleteExpiredSessions, deleteSession, findAccount, staffUser } from './sessions'
import { SignInLimits } from './sign-in-limits'

// One message for unknown users and wrong passwords, so sign-in does not reveal which usernames exist.
const BAD_CREDENTIALS = 'Wrong username or password'

/** The username of a sign-in body not yet checked by its schema, for the log only. */
const typedUsername = (request: FastifyRequest) => {
  const name = (request.body as { username?: unknown } | null)?.username
  return typeof name === 'string' ? name : undefined
}

/**
 * POST /api/auth/login and /api/auth/logout. A sign-in passes, in order: the request rate per
 * address (@fastify/rate-limit), the wrong-password limits (an attempt counted before the hash,
 * sign-in-limits.ts), the bounded hashing queue (hash-pool.ts); the numbers are in limits.ts.
 */
export async function authHandlers(store: Store, app: FastifyInstance, clock: () => number = Date.now): Promise<Pick<Handlers, 'login' | 'logout'>> {
  const limits = new SignInLimits(clock)
  await dummyPasswordHash() // made now, so the first unknown username is not answered faster or slower
  return {
    login: {
      preValidation: perAddress(app, 'signIn.requests', LIMITS.signIn.requests, typedUsername),
      async handle({ body: { username, password, deviceId } }, { request }) {
        const attempt = limits.admit(username, request.ip)
        if ('wait' in attempt) {
          logRefusal(request, { limit: attempt.limit, status: 429, username, retryAfter: attempt.wait })
          throw tooManyRequests(`Too many failed sign-ins; try again in ${attempt.wait} s`, attempt.wait)
        }
        const checked = await (async () => {
          const account = await store.read(tx => findAccount(tx, username))
          const ok = await verifyPassword(password, account?.password_hash ?? await dummyPasswordHash())
          return ok ? account : null
        })().catch((error: unknown) => {
          attempt.abandoned()
          if (error instanceof PoolFull) logRefusal(request, { limit: 'hashing', status: 503, username, retryAfter: LIMITS.hashing.retryAfterS })
          throw error
        })
        if (!checked) {
          logRefusal(request, { status: 401, username })
          throw unauthorized(BAD_CREDENTIALS)
        }
        const user = checked
        attempt.succeeded()
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
    },

    async logout(_input, { session }) {
      await store.write(tx => deleteSession(tx, session.tokenHash))
      return null
    },
  }
}
