import { computed, ref, shallowRef, watch } from 'vue'
import { assessReadiness, type ReadinessFacts } from '../domain'
import { useSessionStore } from '../stores/session'
import { useSyncStore } from '../stores/sync'
import { useCatalogue } from './use-catalogue'
import { useNow } from './use-now'
import { readStorageFacts, updateWaiting } from '../utils/browser-storage'

/** The shift readiness check: live facts from the stores plus what the browser says on (re)check. */
export function useShiftReadiness() {
  const session = useSessionStore()
  const sync = useSyncStore()
  const catalogue = useCatalogue()
  const now = useNow()
  const shiftHours = ref(8)
  const storage = shallowRef<ReadinessFacts['storage']>({ persisted: null, usage: null, quota: null })
  const waiting = ref(false)
  const checking = ref(false)

  async function recheck() {
    checking.value = true
    try { [storage.value, waiting.value] = await Promise.all([readStorageFacts(), updateWaiting()]) }
    finally { checking.value = false }
  }
  watch(() => sync.status.lastSyncAt, () => void recheck(), { immediate: true })

  const facts = computed<ReadinessFacts>(() => ({
    now: now.value,
    shiftHours: Math.max(0, Number(shiftHours.value) || 0),
    storage: storage.value,
    updateWaiting: waiting.value,
    session: session.session ? { expiresAt: session.session.expiresAt, refused: session.session.expired } : null,
    pendingChanges: sync.pendingCount ?? 0,
    answeredChanges: sync.answered.length,
    catalogueItems: catalogue.value.length,
    lastSyncAt: sync.status.lastSyncAt,
  }))
  const items = computed(() => assessReadiness(facts.value))

  return { shiftHours, storage, items, checking, recheck }
}
