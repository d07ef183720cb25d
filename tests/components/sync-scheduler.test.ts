import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { db } from '../../src/db/db'
import { requestSyncSoon, startSyncScheduler } from '../../src/sync/page/sync-scheduler'
import { updateSyncStatus } from '../../src/sync/sync-status'
import { resetDb, until } from './support/fixtures'

// The round itself is not under test: only when the page asks for one.
const runSync = vi.hoisted(() => vi.fn(async () => ({ outcome: 'synced', pushed: 0, pulled: 0, pending: 0 })))
vi.mock('../../src/sync/run-sync', () => ({ runSync }))

afterEach(() => {
  vi.useRealTimers()
  runSync.mockClear()
})

describe('sync after a local change', () => {
  it('makes one round of a burst of changes, once they pause for 300 ms', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    requestSyncSoon()
    await vi.advanceTimersByTimeAsync(200)
    requestSyncSoon()
    requestSyncSoon()
    await vi.advanceTimersByTimeAsync(299)
    expect(runSync).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    // No service worker here: the page runs the round itself (the engine loads on first use).
    await until(() => expect(runSync).toHaveBeenCalledTimes(1))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(runSync).toHaveBeenCalledTimes(1)
  })
})

describe('sync while the page is open', () => {
  it('runs a round when the device goes offline or comes back, so the header says so at once', async () => {
    await resetDb()
    // A round has just gone well: the next is not due for a while, so only these events start one.
    await updateSyncStatus(db, { reachable: true, nextAttemptAt: new Date(Date.now() + 3_600_000).toISOString() })
    onTestFinished(startSyncScheduler())
    // The round at start.
    await until(() => expect(runSync).toHaveBeenCalledTimes(1))
    window.dispatchEvent(new Event('offline'))
    await until(() => expect(runSync).toHaveBeenCalledTimes(2))
    window.dispatchEvent(new Event('online'))
    await until(() => expect(runSync).toHaveBeenCalledTimes(3))
  })
})
