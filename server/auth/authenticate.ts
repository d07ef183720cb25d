import type { FastifyReply, FastifyRequest } from 'fastify'
import type { DB } from '../db/database'
import { unauthorized } from '../http-errors'
import { type Session, findSession } from './sessions'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate` on routes that need a signed-in user. */
    session: Session | null
  }
}

/** The bearer token of a request, or null; never logged. */
export function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(request.headers.authorization ?? '')
  return match?.[1] ?? null
}

/** preHandler for routes that need a session: 401 (and nothing done) without a live one. */
export function authenticate(db: DB) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = bearerToken(request)
    if (!token) throw unauthorized('Missing or malformed Authorization: Bearer token')
    const session = await findSession(db, token)
    if (!session) throw unauthorized('The session token is unknown, expired or signed out; sign in again')
    request.session = session
  }
}
