import { LIMITS } from '../http/limits'
import { RateLimit, type Reservation } from '../http/rate-limit'

/** The limit that refused an attempt, and the seconds to wait. */
export interface Refused { limit: 'signIn.accountAddress' | 'signIn.address' | 'signIn.account', wait: number }

/** An attempt admitted by every limit; it counts as a failure unless `succeeded` or `abandoned` says otherwise. */
export interface Attempt {
  /** The password was right: forget this account's failures from this address, take back the rest. */
  succeeded: () => void
  /** The password was never checked (the hashing queue was full): the attempt does not count. */
  abandoned: () => void
}

/**
 * Wrong-password limits per account and address, per address and per account (limits.ts), counted
 * when an attempt starts — before the slow hash — so 50 parallel guesses meet a count that already
 * holds the first ones, and only 5 are ever checked.
 */
export class SignInLimits {
  private readonly accountAddress: RateLimit
  private readonly address: RateLimit
  private readonly account: RateLimit

  constructor(clock: () => number = Date.now) {
    this.accountAddress = new RateLimit(LIMITS.signIn.accountAddress, clock)
    this.address = new RateLimit(LIMITS.signIn.address, clock)
    this.account = new RateLimit(LIMITS.signIn.account, clock)
  }

  admit(username: string, ip: string): Attempt | Refused {
    const account = username.normalize('NFC').toLowerCase()
    const pairKey = `${ip}\n${account}`
    const checks = [
      ['signIn.accountAddress', this.accountAddress, pairKey],
      ['signIn.address', this.address, ip],
      ['signIn.account', this.account, account],
    ] as const
    const reserved: Reservation[] = []
    for (const [limit, limiter, key] of checks) {
      const taken = limiter.reserve(key)
      if ('wait' in taken) {
        // Refused by one: the others must not count an attempt that never ran.
        for (const reservation of reserved) reservation.refund()
        return { limit, wait: taken.wait }
      }
      reserved.push(taken)
    }
    return {
      succeeded: () => {
        this.accountAddress.clear(pairKey)
        for (const reservation of reserved.slice(1)) reservation.refund()
      },
      abandoned: () => {
        for (const reservation of reserved) reservation.refund()
      },
    }
  }
}
