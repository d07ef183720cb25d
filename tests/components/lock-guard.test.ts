import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { db } from '../../src/db/db'
import { writeMeta } from '../../src/db/meta'
import { createAppRouter } from '../../src/router'
import { useSessionStore } from '../../src/stores/session'
import { resetDb } from './support/fixtures'
import { CLERK_A, seedSharedTablet } from './support/lock-fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

/** Where the app's router ends up when asked for `path`, with the session restored from the device. */
async function landing(path: string): Promise<string | undefined> {
  setActivePinia(createPinia())
  await useSessionStore().restore()
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  return String(router.currentRoute.value.name)
}

const EVERY_PAGE = ['/', '/cases/new', '/cases/c-1', '/cases/c-1/receipt', '/outbox', '/settings', '/pin-setup', '/nowhere']

beforeEach(resetDb)

describe('router guard on a shared tablet', () => {
  it.each(EVERY_PAGE)('sends %s to the lock screen while the tablet is locked', async (path) => {
    await seedSharedTablet(null)
    expect(await landing(path)).toBe('lock')
  })

  it('still lets a locked tablet reach sign-in (for staff without a PIN here)', async () => {
    await seedSharedTablet(null)
    expect(await landing('/signin')).toBe('signin')
  })

  it('sends everything to sign-in when nobody who could unlock is on the device', async () => {
    expect(await landing('/lock')).toBe('signin')
    await db.sessions.put({ ...CLERK_A, token: '', expired: true }) // signed out
    expect(await landing('/outbox')).toBe('signin')
  })

  it('asks a signed-in user without a PIN on this device to set one first', async () => {
    await db.sessions.put(CLERK_A)
    await writeMeta(db, 'currentUserId', CLERK_A.userId)
    expect(await landing('/outbox')).toBe('pinSetup')
  })

  it('lets an unlocked user everywhere but the lock screen and the PIN setup', async () => {
    await seedSharedTablet(CLERK_A.userId)
    expect(await landing('/outbox')).toBe('outbox')
    expect(await landing('/settings')).toBe('settings')
    expect(await landing('/lock')).toBe('cases')
    expect(await landing('/pin-setup')).toBe('cases')
  })
})
