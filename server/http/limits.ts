/**
 * Every limit the server puts on sign-ins, password hashing and the public booking API, in one
 * place, with why. The booking rules about people (one booking per ID number and day, bookings per
 * mobile number) are domain rules and live in src/domain/booking.ts. "Address" is the client's
 * address as `request.ip` gives it: the socket's peer, or behind a trusted proxy (TRUST_PROXY) the
 * address the proxy saw.
 */
const MINUTE = 60_000

export const LIMITS = {
  signIn: {
    /**
     * Wrong passwords for one username from one address: 5 in 15 minutes, then 429 until the
     * oldest ages out. A clerk who mistypes five times waits; a guesser gets 20 guesses an hour.
     * A successful sign-in forgets this count.
     */
    accountAddress: { max: 5, windowMs: 15 * MINUTE },
    /**
     * Wrong passwords from one address across usernames: 20 in 15 minutes. Stops one address
     * trying a few passwords on many accounts (13 accounts × 4 passwords). High enough for a
     * hall of clerks behind one NAT address who mistype now and then: only failures count.
     */
    address: { max: 20, windowMs: 15 * MINUTE },
    /**
     * Wrong passwords for one username across addresses: after 10 in 15 minutes, attempts on it
     * are spaced out — 1 s after the last failure, doubling with each further failure up to
     * 30 s — instead of refused: the account is never locked for everybody, but guesses from many
     * addresses drop to at most 2 a minute.
     */
    account: { max: 10, windowMs: 15 * MINUTE, slowDown: { firstMs: 1000, maxMs: 30_000 } },
    /**
     * Every sign-in request from one address (right or wrong), by @fastify/rate-limit before
     * anything else runs: 60 a minute. A flood guard only; a centre's hall signing in at the
     * start of a shift stays well below it.
     */
    requests: { max: 60, windowMs: MINUTE },
  },
  hashing: {
    /**
     * scrypt runs on libuv's threadpool (4 threads by default), which also serves the static
     * files' reads and zlib: 2 hashes at a time leave the other threads to them.
     */
    concurrency: 2,
    /**
     * Sign-ins waiting for a hash: about 50 ms each on 2 threads, so 32 wait at most about 0.8 s.
     * Beyond it the server answers 503 at once, without hashing.
     */
    maxQueued: 32,
    /** Retry-After of that 503, in seconds. */
    retryAfterS: 2,
  },
  booking: {
    /** Bookings made from one address per hour (a family books a few; a script books many). */
    perAddress: { max: 10, windowMs: 60 * MINUTE },
    /** Lookups and cancellations from one address per 10 minutes, together: against probing codes. */
    lookupsPerAddress: { max: 30, windowMs: 10 * MINUTE },
  },
  /** Keys a limiter remembers (the least recently used go first): bounds memory under a flood of made-up names. */
  maxKeys: 50_000,
} as const

export interface WindowLimit { max: number, windowMs: number }
