import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { DeviceSession } from '../db/database'
import { db } from '../db/db'
import { readMeta } from '../db/meta'
import { signInAtCentral, signOutAtCentral } from '../sync/central-auth'
import { requestSync } from '../sync/page/sync-scheduler'

/** Who is using the tablet now, and their centre. Works offline from the stored session. */
export const useSessionStore = defineStore('session', () => {
  /** The current staff member's session on this device, or null when nobody is signed in. */
  const session = shallowRef<DeviceSession | null>(null)
  const user = computed(() => session.value?.user ?? null)
  const center = computed(() => session.value?.center ?? null)
  /** The central system refused or expired the token: changes wait until they sign in again. */
  const needsSignIn = computed(() => !!session.value && (session.value.expired || Date.parse(session.value.expiresAt) <= Date.now()))

  /** Restores the current user from the device, without any network. */
  async function restore() {
    const userId = await readMeta<string | null>(db, 'currentUserId', null)
    const stored = userId ? await db.sessions.get(userId) : undefined
    session.value = stored && stored.token ? stored : null
  }

  /** Signs in at the central system; throws SignInError with the problem to show. */
  async function signIn(username: string, password: string) {
    session.value = await signInAtCentral(db, '', username.trim(), password)
    void requestSync()
  }

  async function signOut() {
    if (session.value) await signOutAtCentral(db, '', session.value)
    session.value = null
  }

  return { session, user, center, needsSignIn, restore, signIn, signOut }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSessionStore, import.meta.hot))
