import type { ShiftDeskDB } from '../db/database'
import { readMeta, writeMeta } from '../db/meta'

/** Shared by pages and the worker through the database, so every tab shows the same status. */
export interface SyncStatus {
  /** Did the central system answer the last probe? null before the first one. */
  reachable: boolean | null
  checkedAt: string | null
  lastSyncAt: string | null
  lastError: string | null
  failures: number
  /** When the next attempt is due (backoff or periodic pull). */
  nextAttemptAt: string | null
}

export const INITIAL_STATUS: SyncStatus = {
  reachable: null, checkedAt: null, lastSyncAt: null, lastError: null, failures: 0, nextAttemptAt: null,
}

export const readSyncStatus = (db: ShiftDeskDB) => readMeta(db, 'syncStatus', INITIAL_STATUS)

export async function updateSyncStatus(db: ShiftDeskDB, patch: Partial<SyncStatus>): Promise<SyncStatus> {
  return db.transaction('rw', db.meta, async () => {
    const next = { ...(await readSyncStatus(db)), ...patch }
    await writeMeta(db, 'syncStatus', next)
    return next
  })
}
