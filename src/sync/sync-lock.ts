/**
 * Only one sync round at a time per origin, whether the service worker or a page starts it.
 * Web Locks cover every tab and the worker; where they are missing (tests in Node) a promise chain
 * covers this one context.
 */
const LOCK_NAME = 'shiftdesk-sync'
let chain: Promise<unknown> = Promise.resolve()

export function withSyncLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks
  if (locks) return locks.request(LOCK_NAME, work) as Promise<T>
  const run = chain.then(work, work)
  chain = run.catch(() => undefined)
  return run
}
