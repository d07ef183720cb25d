import type { DataKeys } from '../utils/data-key'
import type { ShiftDeskDB } from './database'

/**
 * The device's data key, opened, in memory only: from a sign-in (the login answer) or an unlock
 * (unwrapped with the PIN) until the tablet is locked, signed out of, revoked or reloaded. Kept per
 * database, so tests with several simulated tablets in one process keep theirs apart.
 */
const held = new Map<string, DataKeys>()

export const heldDataKeys = (db: ShiftDeskDB): DataKeys | null => held.get(db.name) ?? null
export const holdDataKeys = (db: ShiftDeskDB, keys: DataKeys) => { held.set(db.name, keys) }
export const forgetDataKeys = (db: ShiftDeskDB) => { held.delete(db.name) }
