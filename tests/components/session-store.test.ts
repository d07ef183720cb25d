import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../src/db/db'
import { writeMeta } from '../../src/db/meta'
import { markSessionRefused } from '../../src/sync/sessions'
import { useSessionStore } from '../../src/stores/session'
import { SESSION, resetDb, until } from './support/fixtures'

beforeEach(async () => {
  await resetDb()
  setActivePinia(createPinia())
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

  it('asks to sign in again when the session has run out', async () => {
    await db.sessions.put({ ...SESSION, expiresAt: new Date(Date.now() - 1000).toISOString() })
    await writeMeta(db, 'currentUserId', SESSION.userId)
    const store = useSessionStore()
    await store.restore()
    expect(store.needsSignIn).toBe(true)
  })
})
