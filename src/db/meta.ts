import type { ShiftDeskDB } from './database'

/** Small device facts kept in the `meta` table: device id, cursor, sync status, case counters. */
export async function readMeta<T>(db: ShiftDeskDB, key: string, fallback: T): Promise<T> {
  const row = await db.meta.get(key)
  return row ? (row.value as T) : fallback
}

export const writeMeta = (db: ShiftDeskDB, key: string, value: unknown) => db.meta.put({ key, value })

/** When the device last stored everything the central system had for it (after a complete pull). */
export const PULLED_UP_TO = 'pulledUpTo'

/** Which scope's citizens' data the device holds (device-scope.ts), null when none. */
export const DATA_SCOPE = 'dataScope'
export const readDataScope = (db: ShiftDeskDB) => readMeta<string | null>(db, DATA_SCOPE, null)
