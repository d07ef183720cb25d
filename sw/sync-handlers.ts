/// <reference lib="webworker" />
import { db } from '../src/db/db'
import { runSync } from '../src/sync/run-sync'
import { SYNC_TAG } from '../src/sync/sync-tag'

declare let self: ServiceWorkerGlobalScope

/** Background Sync's event, which TypeScript's WebWorker lib does not declare. */
interface SyncEvent extends ExtendableEvent { readonly tag: string }

/**
 * A round that leaves changes waiting fails the event, so the browser tries again later, even
 * with every tab closed. Pages keep their own timer too, since that retry can be minutes away.
 */
async function syncOrFail(): Promise<void> {
  const report = await runSync(db)
  // A revoked device's changes wait for it to be reinstated: no retry until then.
  if (report.outcome !== 'synced' && report.outcome !== 'revoked' && report.pending > 0) throw new Error(`sync ${report.outcome}; ${report.pending} changes wait`)
}

export function onSync(event: Event): void {
  const sync = event as SyncEvent
  if (sync.tag === SYNC_TAG) sync.waitUntil(syncOrFail())
}

export function onMessage(event: ExtendableMessageEvent): void {
  const type = (event.data as { type?: string } | null)?.type
  // The update prompt's "reload": the new version takes over only when the user asked.
  if (type === 'SKIP_WAITING') void self.skipWaiting()
}
