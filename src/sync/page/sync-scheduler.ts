import { useDebounceFn } from '@vueuse/core'
import { db } from '../../db/db'
import { SYNC_TAG } from '../sync-tag'
import { readSyncStatus } from '../sync-status'

const TICK_MS = 2_000
const DEBOUNCE_MS = 300

/**
 * Runs a round in this page; the Web Lock keeps it from overlapping the worker's. The engine
 * (schemas, rebase, push, pull) loads on first use, after the start page is on screen.
 */
export const syncInPage = async () => (await import('../run-sync')).runSync(db)

/**
 * After a local change: hand the round to the service worker through Background Sync, so it
 * completes even if the tab is closed; browsers without it (Safari, Firefox) sync from the page.
 */
export async function requestSync(): Promise<void> {
  const registration = navigator.serviceWorker?.controller ? await navigator.serviceWorker.getRegistration() : undefined
  if (registration && 'sync' in registration) {
    try {
      await (registration as ServiceWorkerRegistration & { sync: { register(tag: string): Promise<void> } }).sync.register(SYNC_TAG)
      return
    }
    catch { /* Background Sync refused (e.g. by policy): the page does it */ }
  }
  await syncInPage()
}

/** Debounced, so a burst of edits becomes one round. */
export const requestSyncSoon: () => void = useDebounceFn(() => void requestSync(), DEBOUNCE_MS)

/**
 * While a page is open it keeps sync going: when the engine's next attempt falls due (backoff,
 * reachability probe, periodic pull), when the device comes online, and when the app is shown.
 * A failed Background Sync may be retried by the browser only minutes later, so the page does not
 * wait for it. When the device goes offline a round runs too: its probe fails at once, so the
 * header stops saying "connected" (else it would until the next round, up to a minute later).
 * Returns a function that stops the scheduler.
 */
export function startSyncScheduler(): () => void {
  let running = false
  const runIfDue = async (force = false) => {
    if (running) return
    const { nextAttemptAt } = await readSyncStatus(db)
    if (!force && nextAttemptAt && Date.now() < Date.parse(nextAttemptAt)) return
    running = true
    try { await syncInPage() }
    finally { running = false }
  }
  const now = () => void runIfDue(true)
  const onVisible = () => { if (document.visibilityState === 'visible') now() }
  window.addEventListener('online', now)
  window.addEventListener('offline', now)
  document.addEventListener('visibilitychange', onVisible)
  const ticker = setInterval(() => void runIfDue(), TICK_MS)
  now()
  return () => {
    clearInterval(ticker)
    window.removeEventListener('online', now)
    window.removeEventListener('offline', now)
    document.removeEventListener('visibilitychange', onVisible)
  }
}
