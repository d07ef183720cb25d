import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useLiveQuery } from '../composables/use-live-query'
import type { OutboxEntry } from '../db/database'
import { db } from '../db/db'
import {
  answeredEntries, casesWithPendingChanges, changesWaitingForSignIn, firstPending as readFirstPending, outboxInState,
  PENDING_SHOWN, pendingCountOf, type WaitingForSignIn,
} from '../db/outbox-queries'
import { dataScopeOf, type Resolution } from '../domain'
import { useSessionStore } from './session'
import { requestSyncSoon, syncInPage } from '../sync/page/sync-scheduler'
import { usableSessions } from '../sync/sessions'
import { INITIAL_STATUS, readSyncStatus } from '../sync/sync-status'

export { PENDING_SHOWN, type WaitingForSignIn }

/**
 * What the always-visible sync status and the outbox page show; shared by every page. Every read
 * here is a count on an index or a short list: 10,000 waiting changes are never loaded to show them
 * (a count of 10,000 costs ~50 ms in Chromium on this machine, loading them ~800 ms).
 */
export const useSyncStore = defineStore('sync', () => {
  const session = useSessionStore()
  /**
   * Whose waiting changes are listed: the current person's scope (signing in or unlocking made it
   * the device's); nobody's while nobody is current. Others' are only counted, per author.
   */
  const scope = () => session.user ? dataScopeOf(session.user) : null
  const byScope = [() => session.user]
  /** Reachability, last successful sync, last error: written by whichever context ran the engine. */
  const status = useLiveQuery(() => readSyncStatus(db), INITIAL_STATUS)
  /** Changes the central system answered with conflict or rejected: they wait for their author (of this scope). */
  const answered = useLiveQuery(async () => {
    const shown = scope()
    return (await answeredEntries(db)).filter(entry => shown !== null && dataScopeOf(entry.actor) === shown)
  }, [] as OutboxEntry[], byScope)
  /** Pending changes whose author has no usable session on this device, or is of another scope, per author. */
  const waitingForSignIn = useLiveQuery(
    async () => changesWaitingForSignIn(db, await usableSessions(db), await answeredEntries(db), scope()), [] as WaitingForSignIn[], byScope)
  const waitingInAll = useLiveQuery<number | null>(() => outboxInState(db, 'pending').count(), null)
  /**
   * How many changes wait, from the [state+seq] index, less those of people of another scope (another
   * centre's, never shown here); null until known, so a fresh page never claims "0 waiting" too early.
   */
  const pendingCount = computed(() => waitingInAll.value === null
    ? null
    : waitingInAll.value - waitingForSignIn.value.reduce((sum, group) => sum + (group.otherScope ? group.count : 0), 0))
  /** Which of these cases (a page of a list) have a change waiting to be pushed; wrap in useLiveQuery to follow it. */
  const unsyncedAmong = async (ids: readonly string[]) => casesWithPendingChanges(db, ids, await answeredEntries(db))
  /** The oldest waiting changes (PENDING_SHOWN of them), for the outbox page. */
  const firstPending = useLiveQuery(() => readFirstPending(db, scope()), [] as OutboxEntry[], byScope)
  /** How many changes of one staff member wait (the sign-out warning). */
  const pendingCountFor = (userId: string) => pendingCountOf(db, userId)

  const syncing = ref(false)

  /** The "sync now" button: runs a round here and now. */
  async function syncNow() {
    syncing.value = true
    try { return await syncInPage() }
    finally { syncing.value = false }
  }

  // Settling answered changes loads the rebase code on first use; the start page does not need it.
  const discard = async (entry: OutboxEntry) => (await import('../db/outbox-writes')).discardChange(db, entry.seq!)

  /** Settles a conflict: keep this device's change, or take the central system's; then sync. */
  async function resolve(entry: OutboxEntry, choice: Resolution['choice']) {
    await (await import('../db/outbox-writes')).resolveConflict(db, entry.seq!, choice)
    requestSyncSoon()
  }

  /** Cases with a conflict waiting, to mark them in lists. */
  const conflicted = computed(() => new Set(answered.value.filter(e => e.state === 'conflict').map(e => e.entityId)))

  return {
    status, pendingCount, answered, waitingForSignIn, firstPending, pendingCountFor, unsyncedAmong, conflicted,
    syncing, syncNow, discard, resolve,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSyncStore, import.meta.hot))
