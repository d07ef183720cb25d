import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useLiveQuery } from '../composables/use-live-query'
import type { OutboxEntry } from '../db/database'
import { db } from '../db/db'
import { outboxInState } from '../db/outbox-queries'
import type { Resolution } from '../domain'
import { requestSyncSoon, syncInPage } from '../sync/page/sync-scheduler'
import { usableSessions } from '../sync/sessions'
import { INITIAL_STATUS, readSyncStatus } from '../sync/sync-status'

export interface HeldGroup { actorId: string, actorName: string, count: number }

/** What the always-visible sync status and the outbox page show; shared by every page. */
export const useSyncStore = defineStore('sync', () => {
  /** Reachability, last successful sync, last error: written by whichever context ran the engine. */
  const status = useLiveQuery(() => readSyncStatus(db), INITIAL_STATUS)
  /** Changes not yet answered by the central system, oldest first; null until first read. */
  const pendingOrNull = useLiveQuery<OutboxEntry[] | null>(() => outboxInState(db, 'pending').toArray(), null)
  const pending = computed(() => pendingOrNull.value ?? [])
  /** Changes the central system answered with conflict or rejected: they wait for their author. */
  const answered = useLiveQuery(async () => [
    ...await outboxInState(db, 'conflict').toArray(), ...await outboxInState(db, 'rejected').toArray(),
  ].sort((a, b) => a.seq! - b.seq!), [] as OutboxEntry[])
  /** Staff whose session on this device can still push. */
  const usable = useLiveQuery(() => usableSessions(db), new Map() as Awaited<ReturnType<typeof usableSessions>>)
  /** Pending changes whose author has no usable session on this device, per author. */
  const held = computed(() => {
    const groups = new Map<string, HeldGroup>()
    for (const entry of pending.value) {
      if (usable.value.has(entry.actorId)) continue
      const group = groups.get(entry.actorId) ?? { actorId: entry.actorId, actorName: entry.actor.name, count: 0 }
      group.count++
      groups.set(entry.actorId, group)
    }
    return [...groups.values()]
  })

  /** How many changes wait; null until known, so a fresh page never claims "0 waiting" too early. */
  const pendingCount = computed(() => pendingOrNull.value?.length ?? null)
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

  return { status, pending, answered, held, pendingCount, conflicted, syncing, syncNow, discard, resolve }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSyncStore, import.meta.hot))
