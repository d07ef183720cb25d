import { liveQuery, type Subscription } from 'dexie'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { useNow } from '../composables/use-now'
import { requestPersistentStorage } from '../utils/browser-storage'
import type { DeviceSession } from '../db/database'
import { db } from '../db/db'
import { forgetDataKeys } from '../db/data-keys'
import { readMeta, writeMeta } from '../db/meta'
import { requestSync } from '../sync/page/sync-scheduler'

/** The current user's stored session, if they have not signed out. */
async function storedSession(): Promise<DeviceSession | null> {
  const userId = await readMeta<string | null>(db, 'currentUserId', null)
  const stored = userId ? await db.sessions.get(userId) : undefined
  return stored && stored.token ? stored : null
}

/** Who is using the tablet now, and their centre. Works offline from the stored session. */
export const useSessionStore = defineStore('session', () => {
  /** The current staff member's session on this device, or null when nobody is signed in. */
  const session = shallowRef<DeviceSession | null>(null)
  const user = computed(() => session.value?.user ?? null)
  const center = computed(() => session.value?.center ?? null)
  const now = useNow()
  /** The central system refused or expired the token: changes wait until they sign in again. */
  const needsSignIn = computed(() => !!session.value && (session.value.expired || Date.parse(session.value.expiresAt) <= now.value))

  let subscription: Subscription | undefined
  /** The sync engine (here or in the service worker) marks refused sessions in the database: follow it. */
  function followStoredSession() {
    subscription ??= liveQuery(storedSession).subscribe({
      next: (stored) => { session.value = stored },
      error: error => console.error('session lookup failed', error),
    })
  }

  /** Restores the current user from the device, without any network. */
  async function restore() {
    const stored = await storedSession()
    // Another scope's data leaves first; that code loads apart from the first load's (session-restore.ts).
    if (stored) await (await import('../db/session-restore')).resumeSession(db, stored)
    session.value = stored
    followStoredSession()
  }

  /** Signs in at the central system; throws SignInError with the problem to show. */
  async function signIn(username: string, password: string) {
    const { signInAtCentral } = await import('../sync/central-auth')
    session.value = await signInAtCentral(db, '', username.trim(), password)
    followStoredSession()
    void requestPersistentStorage().catch(() => undefined)
    void requestSync()
  }

  async function signOut() {
    if (session.value) await (await import('../sync/central-auth')).signOutAtCentral(db, '', session.value)
    session.value = null
  }

  /** Locks the tablet: nobody is current; every session and its waiting changes stay on the device. */
  async function lock() {
    forgetDataKeys(db)
    await writeMeta(db, 'currentUserId', null)
    session.value = null
  }

  return { session, user, center, needsSignIn, restore, signIn, signOut, lock }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSessionStore, import.meta.hot))
