/**
 * Runs `work` once the browser has painted and is idle (requestIdleCallback where there is one,
 * else right after the paint): what the first screen does not need waits, so it paints sooner.
 */
export function afterFirstPaint(work: () => void, timeout = 1_000): void {
  requestAnimationFrame(() => {
    if ('requestIdleCallback' in window) requestIdleCallback(work, { timeout })
    else setTimeout(work, 0)
  })
}
