import { afterEach, describe, expect, it, vi } from 'vitest'
import { requestSyncSoon } from '../../src/sync/page/sync-scheduler'
import { until } from './support/fixtures'

// The round itself is not under test: only when the page asks for one.
const runSync = vi.hoisted(() => vi.fn(async () => ({ outcome: 'synced', pushed: 0, pulled: 0, pending: 0 })))
vi.mock('../../src/sync/run-sync', () => ({ runSync }))

afterEach(() => vi.useRealTimers())

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
