/**
 * Login failures per (ip, username): after MAX_FAILURES within WINDOW_MS further attempts get 429
 * until the oldest failure ages out; a successful login clears the count. Kept in this process's
 * memory, which is right for one server process; a multi-process deployment would keep the
 * failures in the database (or a shared cache) so every process sees them.
 */
export const MAX_FAILURES = 5
export const WINDOW_MS = 15 * 60 * 1000
const MAX_KEYS = 10_000

export class LoginRateLimit {
  private failures = new Map<string, number[]>()

  constructor(private readonly clock: () => number = Date.now) {}

  private key = (ip: string, username: string) => `${ip}\n${username.trim().toLowerCase()}`

  private recent(key: string): number[] {
    const since = this.clock() - WINDOW_MS
    const times = (this.failures.get(key) ?? []).filter(t => t > since)
    if (times.length) this.failures.set(key, times)
    else this.failures.delete(key)
    return times
  }

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfter(ip: string, username: string): number {
    const times = this.recent(this.key(ip, username))
    if (times.length < MAX_FAILURES) return 0
    return Math.max(1, Math.ceil((times[times.length - MAX_FAILURES]! + WINDOW_MS - this.clock()) / 1000))
  }

  fail(ip: string, username: string): void {
    const key = this.key(ip, username)
    this.failures.set(key, [...this.recent(key), this.clock()])
    if (this.failures.size > MAX_KEYS) this.prune()
  }

  succeed(ip: string, username: string): void {
    this.failures.delete(this.key(ip, username))
  }

  /** Drops aged-out entries; if an attacker floods distinct keys, the oldest keys go first. */
  private prune(): void {
    for (const key of [...this.failures.keys()]) this.recent(key)
    const excess = this.failures.size - MAX_KEYS
    if (excess > 0) [...this.failures.keys()].slice(0, excess).forEach(key => this.failures.delete(key))
  }
}
