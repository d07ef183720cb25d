import { closeAll, deleteDeviceDb } from './device-dbs'
import { importFloor, importPulled } from './import-figure'
import { listFirstPage, search, statusCounts, syncStoreReads, takeInTimes } from './query-figures'
import { sampleSearches, seedCases, seedWaitingIntakes, signInDevice } from './seed-device'
import { firstSync, replayBatched, replayOneByOne, rewriteFloor } from './sync-figures'

/**
 * The benchmark page: the app's real device code (src/db, src/sync) bundled on its own and driven
 * by bench/run.ts through window.__bench. Every function takes the name of a device database.
 */
const bench = {
  signInDevice, seedCases, seedWaitingIntakes, sampleSearches,
  listFirstPage, search, statusCounts, syncStoreReads, takeInTimes, importPulled, importFloor,
  replayBatched, replayOneByOne, rewriteFloor, firstSync,
  deleteDeviceDb, closeAll,
}
export type Bench = typeof bench

declare global {
  interface Window { __bench: Bench }
}
/** Errors cross page.evaluate as their message only: keep Dexie's name and inner error in it. */
function explained<F extends (...args: never[]) => Promise<unknown>>(name: string, fn: F): F {
  return (async (...args: Parameters<F>) => {
    try { return await fn(...args) }
    catch (error) {
      const e = error as { name?: string, message?: string, inner?: { message?: string } }
      throw new Error(`${name}: ${e.name}: ${e.message}${e.inner ? ` (inner: ${e.inner.message})` : ''}`, { cause: error })
    }
  }) as F
}
window.__bench = Object.fromEntries(Object.entries(bench).map(([name, fn]) => [name, explained(name, fn as never)])) as unknown as Bench
