/** Exponential backoff with jitter, so a centre's tablets do not all retry in the same second. */
export const BACKOFF_BASE_MS = 2_000
export const BACKOFF_CAP_MS = 5 * 60_000
/** A reachability probe is one tiny GET, so it is retried often while changes wait. */
export const PROBE_INTERVAL_MS = 10_000
/** With nothing waiting, pull now and then to see what colleagues did. */
export const IDLE_PULL_MS = 60_000

export function backoffDelay(failures: number, random = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1))
  return Math.round(ceiling * (0.5 + random() / 2))
}
