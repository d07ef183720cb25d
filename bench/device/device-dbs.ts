import { ShiftDeskDB } from '../../src/db/database'
import type { ServiceItem, StaffUser, ServiceCenter } from '../../src/domain'

/** The bench page's device databases by name; each scenario uses fresh ones. */
const open = new Map<string, ShiftDeskDB>()

export function deviceDb(name: string): ShiftDeskDB {
  let db = open.get(name)
  if (!db) open.set(name, db = new ShiftDeskDB(name))
  return db
}

export async function deleteDeviceDb(name: string): Promise<void> {
  const db = deviceDb(name)
  open.delete(name)
  await db.delete()
}

export function closeAll(): void {
  for (const db of open.values()) db.close()
  open.clear()
}

/**
 * Seeding is not a figure: Chromium's strict durability flushes every transaction to disk, which
 * would make writing 10,000 intakes take minutes. Dexie reads the option when each transaction
 * starts, so the real write code runs relaxed here and strict again before anything is timed.
 */
export async function withRelaxedDurability<T>(db: ShiftDeskDB, work: () => Promise<T>): Promise<T> {
  const options = (db as unknown as { _options: { chromeTransactionDurability?: string } })._options
  options.chromeTransactionDurability = 'relaxed'
  try { return await work() }
  finally { options.chromeTransactionDurability = 'strict' }
}

/**
 * Puts rows straight into a store with IndexedDB, no Dexie and no app code: `perTransaction` rows
 * to a transaction with strict durability, as the app's own writes. Returns the milliseconds taken:
 * the floor under what the app does with the same rows.
 */
export async function timeRawPuts(idb: IDBDatabase, store: string, rows: readonly unknown[], perTransaction: number): Promise<number> {
  const started = performance.now()
  for (let i = 0; i < rows.length; i += perTransaction) {
    const tx = idb.transaction(store, 'readwrite', { durability: 'strict' })
    for (const row of rows.slice(i, i + perTransaction)) tx.objectStore(store).put(row)
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error) })
  }
  return performance.now() - started
}

export interface SignedIn { user: StaffUser, center: ServiceCenter, items: ServiceItem[] }

/** The signed-in staff member of a device database and its catalogue (pulled at sign-in). */
export async function signedIn(db: ShiftDeskDB): Promise<SignedIn> {
  const session = (await db.sessions.toArray())[0]
  if (!session) throw new Error(`${db.name}: nobody signed in`)
  return { user: session.user, center: session.center, items: await db.serviceItems.toArray() }
}
