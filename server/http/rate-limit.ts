/**
 * At most `max` events per key within any `windowMs` (a sliding window): failed sign-ins per
 * address and username, public bookings and lookups per address. Kept in this process's memory,
 * which is right for one server process; several processes would keep the events in the database
 * (or a shared cache) so each sees them all.
 */
export class RateLimit {
  private readonly events = new Map<string, number[]>()

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly clock: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  private recent(key: string): number[] {
    const since = this.clock() - this.windowMs
    return (this.events.get(key) ?? []).filter(t => t > since)
  }

  /** Seconds until another event of `key` is allowed (for Retry-After), or 0 when it is allowed now. */
  retryAfter(key: string): number {
    const times = this.recent(key)
    if (times.length < this.max) return 0
    return Math.max(1, Math.ceil((times[times.length - this.max]! + this.windowMs - this.clock()) / 1000))
  }

  /** Counts an event of `key`. */
  record(key: string): void {
    const times = [...this.recent(key), this.clock()]
    // Re-inserted at the end, so the map stays ordered by last use and the oldest keys go first.
    this.events.delete(key)
    this.events.set(key, times)
    if (this.events.size > this.maxKeys) this.events.delete(this.events.keys().next().value!)
  }

  /** Counts an event if it is allowed; otherwise returns the seconds to wait and counts nothing, so waiting is enough to get through. */
  take(key: string): number {
    const wait = this.retryAfter(key)
    if (!wait) this.record(key)
    return wait
  }

  /** Forgets the key's events (a successful sign-in clears its failures). */
  clear(key: string): void {
    this.events.delete(key)
  }
}
