import type { FastifyInstance } from 'fastify'
import * as v from 'valibot'
import type { LoginResponse } from '../../src/domain/protocol'
import type { Role } from '../../src/domain/roles'
import type { DB } from '../db/database'
import { ApiError, badRequest, describeIssues, unauthorized } from '../http-errors'
import { authenticate } from './authenticate'
import { dummyPasswordHash, verifyPassword } from './password'
import { LoginRateLimit } from './rate-limit'
import { createSession, deleteExpiredSessions, deleteSession } from './sessions'

const LoginRequestSchema = v.object({
  username: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(64)),
  password: v.pipe(v.string(), v.nonEmpty(), v.maxLength(256)),
  deviceId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
})

// One message for unknown users and wrong passwords, so sign-in does not reveal which usernames exist.
const BAD_CREDENTIALS = 'Wrong username or password'

export function authRoutes(db: DB) {
  return async (app: FastifyInstance) => {
    const limit = new LoginRateLimit()
    await dummyPasswordHash() // made now, so the first unknown username is not answered faster or slower

    app.post('/api/auth/login', { bodyLimit: 16 * 1024 }, async (request, reply) => {
      const parsed = v.safeParse(LoginRequestSchema, request.body ?? {})
      if (!parsed.success) throw badRequest(describeIssues(parsed.issues))
      const { username, password, deviceId } = parsed.output
      const retryAfter = limit.retryAfter(request.ip, username)
      if (retryAfter) {
        throw new ApiError(429, 'TOO_MANY_REQUESTS', `Too many failed sign-ins; try again in ${retryAfter} s`, { 'Retry-After': String(retryAfter) })
      }
      const user = await db.selectFrom('users').innerJoin('centers', 'centers.id', 'users.center_id')
        .select(['users.id', 'users.username', 'users.name', 'users.role', 'users.password_hash', 'centers.id as centerId', 'centers.code', 'centers.name as centerName', 'centers.name_en'])
        .where('users.username', '=', username.toLowerCase())
        .executeTakeFirst()
      const ok = await verifyPassword(password, user?.password_hash ?? await dummyPasswordHash())
      if (!user || !ok) {
        limit.fail(request.ip, username)
        throw unauthorized(BAD_CREDENTIALS)
      }
      limit.succeed(request.ip, username)
      await deleteExpiredSessions(db)
      const { token, expiresAt } = await createSession(db, user.id, deviceId)
      const body: LoginResponse = {
        token,
        expiresAt,
        user: { id: user.id, username: user.username, name: user.name, role: user.role as Role, centerId: user.centerId },
        center: { id: user.centerId, code: user.code, name: user.centerName, nameEn: user.name_en },
      }
      return reply.send(body)
    })

    app.post('/api/auth/logout', { preHandler: authenticate(db) }, async (request, reply) => {
      await deleteSession(db, request.session!.tokenHash)
      return reply.code(204).send()
    })
  }
}
