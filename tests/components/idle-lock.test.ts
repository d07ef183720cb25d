import 'fake-indexeddb/auto'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { RouterView, type Router } from 'vue-router'
import { useDeviceLock } from '../../src/composables/use-device-lock'
// Loaded up front, so the lazy /lock route resolves within a few settle rounds.
import '../../src/pages/LockPage.vue'
import { db } from '../../src/db/db'
import { readMeta, writeMeta } from '../../src/db/meta'
import { useDeviceLockStore } from '../../src/stores/device-lock'
import { useSessionStore } from '../../src/stores/session'
import { resetDb } from './support/fixtures'
import { CLERK_A, mountShell, seedSharedTablet } from './support/lock-fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

/** The app shell's part under test: the idle lock and the lock screen when nobody is current. */
const Shell = defineComponent({ setup() { useDeviceLock(); return () => h(RouterView) } })
const MINUTE = 60_000
const MARGIN = 10_000

let wrapper: VueWrapper | undefined
let router: Router

/**
 * IndexedDB (fake-indexeddb) runs on real setImmediate, which the fake clock leaves alone; Dexie's
 * liveQuery starts on a zero-delay timeout, which fake timers (like Node) run after 1 ms. So each
 * round moves the clock 1 ms: at most 50 ms per settle, well inside the 10 s margins below.
 */
async function settleDb(check: () => boolean, rounds = 50) {
  for (let i = 0; i < rounds && !check(); i++) {
    await vi.advanceTimersByTimeAsync(1)
    await new Promise(resolve => setImmediate(resolve))
  }
}

async function openAt(path: string, idleMinutes: number | null) {
  await seedSharedTablet(CLERK_A.userId)
  await writeMeta(db, 'idleLockMinutes', idleMinutes)
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  ;({ wrapper, router } = await mountShell(path, Shell))
  await settleDb(() => useDeviceLockStore().idleMinutes === idleMinutes)
  expect(useDeviceLockStore().idleMinutes).toBe(idleMinutes)
}

async function pass(ms: number) {
  await vi.advanceTimersByTimeAsync(ms)
  await settleDb(() => router.currentRoute.value.name === 'lock')
}

beforeEach(async () => {
  await resetDb()
  localStorage.clear()
})
afterEach(() => {
  wrapper?.unmount()
  vi.useRealTimers()
})

describe('idle lock', () => {
  it('locks after the configured minutes without input, and input starts the wait again', async () => {
    await openAt('/outbox', 2)
    await pass(2 * MINUTE - MARGIN)
    expect(router.currentRoute.value.name).toBe('outbox')

    window.dispatchEvent(new Event('pointerdown'))
    await pass(MINUTE)
    expect(router.currentRoute.value.name).toBe('outbox')
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }))
    await pass(2 * MINUTE - MARGIN)
    expect(router.currentRoute.value.name).toBe('outbox')
    expect(useSessionStore().user?.id).toBe(CLERK_A.userId)

    await pass(2 * MARGIN)
    expect(router.currentRoute.value.name).toBe('lock')
    expect(useSessionStore().user).toBeNull()
    expect(await readMeta(db, 'currentUserId', 'x')).toBeNull()
    // Locked, not signed out: the session and its token stay on the device.
    expect((await db.sessions.get(CLERK_A.userId))?.token).toBe(CLERK_A.token)
  })

  it('follows a change of the setting at once', async () => {
    await openAt('/outbox', 10)
    await pass(3 * MINUTE)
    await useDeviceLockStore().setIdleMinutes(2)
    await settleDb(() => useDeviceLockStore().idleMinutes === 2)
    await pass(2 * MINUTE - MARGIN)
    expect(router.currentRoute.value.name).toBe('outbox')
    await pass(2 * MARGIN)
    expect(router.currentRoute.value.name).toBe('lock')
  })

  it('never locks when set to "never"', async () => {
    await openAt('/outbox', null)
    await pass(8 * 60 * MINUTE)
    expect(router.currentRoute.value.name).toBe('outbox')
    expect(useSessionStore().user?.id).toBe(CLERK_A.userId)
  })
})
