import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type {} from '@fastify/rate-limit'
import { tooManyRequests } from './errors'
import { LIMITS, type WindowLimit } from './limits'
import { logRefusal } from './limit-log'

/**
 * The server's limiters, one abstraction over two mechanisms (the numbers are in limits.ts):
 *
 * - `perAddress`: a plain request rate per client address, by @fastify/rate-limit (fixed window,
 *   in this process's memory) — the public booking routes and the sign-in flood guard.
 * - `RateLimit`: counts of events that are not requests — wrong passwords — per any key, in a
 *   sliding window. An attempt is reserved before the password is checked and refunded when it
 *   turns out right, so parallel guesses cannot all get past a check made before any of them is
 *   counted. Optionally it slows down instead of refusing (`slowDown`).
 *
 * Both keep their counts in this process's memory, which is right for one server process; several
 * processes would keep them in a shared store (@fastify/rate-limit takes a Redis one).
 */
export interface LimitRule extends WindowLimit {
  /** Beyond `max`, allow one more event `firstMs` after the last, doubling each time up to `maxMs`, instead of refusing. */
  slowDown?: { firstMs: number, maxMs: number }
}

/** An attempt counted in advance; `refund` takes it back (the attempt turned out fine, or never ran). */
export interface Reservation { refund: () => void }

export class RateLimit {
  private readonly events = new Map<string, number[]>()

  constructor(
    readonly rule: LimitRule,
    private readonly clock: () => number = Date.now,
    private readonly maxKeys: number = LIMITS.maxKeys,
  ) {}

  private recent(key: string): number[] {
    const since = this.clock() - this.rule.windowMs
    return (this.events.get(key) ?? []).filter(t => t > since)
  }

  /** Seconds until another event of `key` is allowed (for Retry-After), or 0 when it is allowed now. */
  retryAfter(key: string): number {
    const times = this.recent(key)
    const { max, windowMs, slowDown } = this.rule
    if (times.length < max) return 0
    const waitMs = slowDown
      ? times.at(-1)! + Math.min(slowDown.firstMs * 2 ** (times.length - max), slowDown.maxMs) - this.clock()
      : times[times.length - max]! + windowMs - this.clock()
    return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0
  }

  /** Counts an event of `key` now if it is allowed; otherwise the seconds to wait, counting nothing (waiting is enough to get through). */
  reserve(key: string): Reservation | { wait: number } {
    const wait = this.retryAfter(key)
    if (wait) return { wait }
    const at = this.clock()
    // Re-inserted at the end, so the map stays ordered by last use and the least recently used keys go first.
    const times = [...this.recent(key), at]
    this.events.delete(key)
    this.events.set(key, times)
    if (this.events.size > this.maxKeys) this.events.delete(this.events.keys().next().value!)
    return {
      refund: () => {
        const kept = this.events.get(key)
        const i = kept?.lastIndexOf(at) ?? -1
        if (i >= 0) kept!.splice(i, 1)
      },
    }
  }

  /** Forgets the key's events (a successful sign-in clears its own account and address count). */
  clear(key: string): void {
    this.events.delete(key)
  }
}

/** A route hook (onRequest or preValidation) allowing `rule.max` requests per client address per window; 429 with Retry-After beyond, logged. */
export function perAddress(app: FastifyInstance, name: string, rule: WindowLimit, username?: (request: FastifyRequest) => string | undefined) {
  const limit = app.rateLimit({
    max: rule.max,
    timeWindow: rule.windowMs,
    onExceeded: (request: FastifyRequest) => logRefusal(request, { limit: name, status: 429, username: username?.(request) }),
    errorResponseBuilder: (_request, { ttl }) => {
      const wait = Math.max(1, Math.ceil(ttl / 1000))
      return tooManyRequests(`Too many requests from this address; try again in ${wait} s`, wait)
    },
  })
  return (request: FastifyRequest, reply: FastifyReply) => limit.call(app, request, reply)
}
