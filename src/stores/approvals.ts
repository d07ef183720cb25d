import { liveQuery, type Subscription } from 'dexie'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, onScopeDispose, shallowRef, watch } from 'vue'
import { listAwaitingApproval, markArrivalsSeen, readSeenArrivals } from '../db/approval-queue'
import { recordCaseChanges } from '../db/case-writes'
import { db } from '../db/db'
import { deviceIdentity } from '../db/device'
import { arrivalsSince, type CaseAction, type CaseRecord, type QueuedCase } from '../domain'
import { requestSyncSoon } from '../sync/page/sync-scheduler'
import { PULLED_UP_TO, readMeta } from '../db/meta'
import { useSessionStore } from './session'

interface QueueState { queue: QueuedCase[], seen: Set<string> | null, deviceId: string, synced: boolean }

/**
 * The supervisor's approval queue and the news it brings: which queued cases arrived since they
 * last looked (a sync brought them from clerks' devices), and their decisions, one or many at once.
 */
export const useApprovalStore = defineStore('approvals', () => {
  const session = useSessionStore()
  const state = shallowRef<QueueState | null>(null)
  const queue = computed(() => state.value?.queue ?? [])
  const arrivals = computed(() => {
    const s = state.value
    return s?.seen ? arrivalsSince(s.queue.map(q => q.record), s.seen, s.deviceId) : { cases: [], devices: 0 }
  })

  let subscription: Subscription | undefined
  let generation = 0
  watch(() => session.user?.role === 'supervisor' ? session.user.id : null, async (userId) => {
    const mine = ++generation
    subscription?.unsubscribe()
    state.value = null
    if (!userId) return
    // The device's id never changes; it is made (a write) before the read-only live query starts.
    const { deviceId } = await deviceIdentity(db)
    if (mine !== generation) return
    subscription = liveQuery(async (): Promise<QueueState> => {
      const [queue, seen, pulledUpTo] = await Promise.all([
        listAwaitingApproval(db), readSeenArrivals(db, userId), readMeta<string | null>(db, PULLED_UP_TO, null),
      ])
      return { queue, seen, deviceId, synced: pulledUpTo !== null }
    }).subscribe({
      next: (next) => {
        // The first time on this device, what the first complete sync brought is the starting
        // point, not news: a new tablet's first pull is not "40 cases arrived".
        if (!next.seen && next.synced) void markArrivalsSeen(db, userId, next.queue.map(q => q.record))
        state.value = next
      },
      error: error => console.error('approval queue lookup failed', error),
    })
  }, { immediate: true })
  onScopeDispose(() => {
    generation++
    subscription?.unsubscribe()
  })

  /** The supervisor has seen what arrived: the badge clears until the next arrivals. */
  async function acknowledge() {
    if (session.user) await markArrivalsSeen(db, session.user.id, queue.value.map(q => q.record))
  }

  /** One decision for many cases, stored together: either all are queued for the central system or none. */
  async function decide(ids: readonly string[], action: CaseAction, note = ''): Promise<CaseRecord[]> {
    if (!session.user) throw new Error('nobody is signed in')
    const records = await recordCaseChanges(db, session.user,
      ids.map(entityId => ({ op: 'case.transition' as const, entityId, payload: { action, note } })))
    requestSyncSoon()
    return records
  }

  return { queue, arrivals, acknowledge, decide }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useApprovalStore, import.meta.hot))
