import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../src/db/db'
import { writeMeta } from '../../src/db/meta'
import { markSessionRefused } from '../../src/sync/sessions'
import { useSessionStore } from '../../src/stores/session'
import { SESSION, resetDb, until } from './support/fixtures'

beforeEach(async () => {
  await resetDb()
  setActivePinia(createPinia())
})
afterEach(() => {
  // Its clock is shared by all who use it and stops with the last: a test's fake timers start a new one.
  useSessionStore().$dispose()
  vi.useRealTimers()
})

describe('session store', () => {
  it('restores the signed-in user from the device, with no network', async () => {
    await db.sessions.put(SESSION)
    await writeMeta(db, 'currentUserId', SESSION.userId)
    const store = useSessionStore()
    await store.restore()
    expect(store.user?.username).toBe('ord-clerk1')
    expect(store.needsSignIn).toBe(false)
  })

  it('asks to sign in again as soon as the sync engine records that the server refused the session', async () => {
    await db.sessions.put(SESSION)
    await writeMeta(db, 'currentUserId', SESSION.userId)
    const store = useSessionStore()
    await store.restore()
    await markSessionRefused(db, SESSION.userId)
    await until(() => expect(store.needsSignIn).toBe(true))
    expect(store.user?.username).toBe('ord-clerk1') // still working offline as themselves
  })

  it('asks to sign in again once the session runs out while the app is open', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    await db.sessions.put({ ...SESSION, expiresAt: new Date(Date.now() + 20_000).toISOString() })
    await writeMeta(db, 'currentUserId', SESSION.userId)
    const store = useSessionStore()
    await store.restore()
    expect(store.needsSignIn).toBe(false)
    // The app's clock ticks every 15 s: the first tick is still before the end, the second after it.
    await vi.advanceTimersByTimeAsync(15_000)
    expect(store.needsSignIn).toBe(false)
    await vi.advanceTimersByTimeAsync(15_000)
    expect(store.needsSignIn).toBe(true)
  })

  it('asks to sign in again when the session has run out', async () => {
    await db.sessions.put({ ...SESSION, expiresAt: new Date(Date.now() - 1000).toISOString() })
    await writeMeta(db, 'currentUserId', SESSION.userId)
    const store = useSessionStore()
    await store.restore()
    expect(store.needsSignIn).toBe(true)
  })
})
