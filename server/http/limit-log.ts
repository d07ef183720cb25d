import { createHmac, randomBytes } from 'node:crypto'
import type { FastifyRequest } from 'fastify'

/**
 * Client addresses in the log are an HMAC under a key made when the process starts and never
 * stored: lines of one run can be correlated (the same address gives the same tag), but a tag
 * cannot be turned back into an address by trying the 2³² IPv4 addresses, and tags of different
 * runs do not match.
 */
const KEY = randomBytes(32)

export const addressTag = (address: string) => createHmac('sha256', KEY).update(address).digest('base64url').slice(0, 16)

export interface Refusal {
  /** Which limit: `signIn.accountAddress`, `hashing`, `booking.perAddress`, … (limits.ts). */
  limit?: string
  status: 401 | 429 | 503
  username?: string
  retryAfter?: number
}

/** A failed sign-in or a refusal of a limit, with the username (never the password) and the hashed address. */
export function logRefusal(request: FastifyRequest, refusal: Refusal): void {
  const { status, username, ...rest } = refusal
  request.log.warn({
    event: status === 401 ? 'sign-in failed' : 'limited', status, ...rest,
    ...(username === undefined ? {} : { username: username.slice(0, 64) }), address: addressTag(request.ip),
  }, status === 401 ? 'sign-in failed' : `refused by limit ${refusal.limit ?? ''}`.trim())
}
