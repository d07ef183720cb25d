/**
 * At most `max` requests per key (a client IP) in any `windowMs`: the public booking API's answer to
 * scripted booking and to guessing codes. Kept in this process's memory like the sign-in limit
 * (server/auth/rate-limit.ts); a multi-process deployment would keep the counts in a shared store.
 */
export class RequestRateLimit {
  private readonly requests = new Map<string, number[]>()

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly clock: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /**
   * Counts a request of `key` and returns 0 when it may go ahead; otherwise returns the seconds
   * until it may (for Retry-After) and does not count it, so waiting is enough to get through.
   */
  take(key: string): number {
    const now = this.clock()
    const times = (this.requests.get(key) ?? []).filter(t => t > now - this.windowMs)
    if (times.length >= this.max) {
      this.requests.set(key, times)
      return Math.max(1, Math.ceil((times[times.length - this.max]! + this.windowMs - now) / 1000))
    }
    times.push(now)
    // Re-inserted at the end, so the map stays ordered by last use and the oldest keys go first.
    this.requests.delete(key)
    this.requests.set(key, times)
    if (this.requests.size > this.maxKeys) this.requests.delete(this.requests.keys().next().value!)
    return 0
  }
}
