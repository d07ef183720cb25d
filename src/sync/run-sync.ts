import type { ShiftDeskDB } from '../db/database'
import { DeviceRevoked } from '../api/client'
import { onDeviceRevoked } from '../api/device-revoked-hook'
import { wipeRevokedDevice } from '../db/device-wipe'
import { outboxInState } from '../db/outbox-queries'
import { IDLE_PULL_MS, PROBE_INTERVAL_MS, backoffDelay } from './backoff'
import { probeCentral } from './central-probe'
import { pullCalendar } from './pull-calendar'
import { pullChanges } from './pull-changes'
import { pushOutbox } from './push-outbox'
import { readSyncStatus, updateSyncStatus } from './sync-status'
import { withSyncLock } from './sync-lock'

/** revoked: the central system revoked this device, which wiped itself (device-wipe.ts). */
export type SyncOutcome = 'synced' | 'unreachable' | 'failed' | 'revoked'

export interface SyncReport {
  outcome: SyncOutcome
  pushed: number
  pulled: number
  /** Changes still waiting to be pushed (for their author's sign-in, or not reached yet). */
  pending: number
}

/**
 * One sync round: probe, push the outbox, pull (and the centre's calendar now and then). The service worker and the pages all call this;
 * the lock makes sure only one round runs per origin at a time.
 */
export function runSync(db: ShiftDeskDB, baseUrl = ''): Promise<SyncReport> {
  // From the first round on, any answer saying this device was revoked (also outside the engine:
  // the calendar editor, a case's audit trail) wipes it, in the page as in the worker.
  onDeviceRevoked(() => void wipeRevokedDevice(db))
  return withSyncLock(async () => {
    const startedAt = Date.now()
    const at = (ms: number) => new Date(Date.now() + ms).toISOString()
    const reachable = await probeCentral(baseUrl)
    await updateSyncStatus(db, { reachable, checkedAt: new Date(startedAt).toISOString() })
    if (!reachable) {
      await updateSyncStatus(db, { nextAttemptAt: at(PROBE_INTERVAL_MS) })
      return { outcome: 'unreachable', pushed: 0, pulled: 0, pending: await outboxInState(db, 'pending').count() }
    }
    let pushed = 0
    let pulled = 0
    try {
      pushed = await pushOutbox(db, baseUrl)
      pulled = await pullChanges(db, baseUrl)
      // The day view's calendar: the device keeps its last copy when this fails, and tries next round.
      await pullCalendar(db, baseUrl).catch(error => console.warn('service calendar not refreshed', error))
      await updateSyncStatus(db, {
        lastSyncAt: new Date().toISOString(), lastError: null, failures: 0, nextAttemptAt: at(IDLE_PULL_MS),
      })
      return { outcome: 'synced', pushed, pulled, pending: await outboxInState(db, 'pending').count() }
    }
    catch (error) {
      if (error instanceof DeviceRevoked) {
        await wipeRevokedDevice(db)
        return { outcome: 'revoked', pushed, pulled, pending: await outboxInState(db, 'pending').count() }
      }
      const failures = (await readSyncStatus(db)).failures + 1
      await updateSyncStatus(db, {
        lastError: error instanceof Error ? error.message : String(error),
        failures,
        nextAttemptAt: at(backoffDelay(failures)),
      })
      return { outcome: 'failed', pushed, pulled, pending: await outboxInState(db, 'pending').count() }
    }
  })
}
