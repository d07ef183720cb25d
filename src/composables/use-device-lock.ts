import { computed, watch } from 'vue'
import { useRouter } from 'vue-router'
import { useDeviceLockStore } from '../stores/device-lock'
import { useSessionStore } from '../stores/session'
import { useIdleTimer } from './use-idle-timer'

/** "Lock / switch user": the lock screen now; nobody is signed out, nothing waiting is touched. */
export function useLockNow() {
  const lock = useDeviceLockStore()
  const router = useRouter()
  return async () => {
    await lock.lock(router.currentRoute.value.fullPath)
    await router.replace({ name: 'lock' })
  }
}

/**
 * For the app shell: locks after the device's idle time, and shows the lock screen whenever
 * nobody is current — also when another tab or window of the app locked.
 */
export function useDeviceLock() {
  const session = useSessionStore()
  const lock = useDeviceLockStore()
  const router = useRouter()
  const lockNow = useLockNow()

  useIdleTimer(computed(() => (session.user ? lock.idleMinutes : null)), () => void lockNow())

  // 'sync': this navigation starts before any the caller makes next (sign-out goes on to sign-in),
  // so the caller's always wins. The guard turns /lock into /signin when nobody can unlock.
  watch(() => session.user, (user) => {
    if (!user && !router.currentRoute.value.meta.public) void router.replace({ name: 'lock' })
  }, { flush: 'sync' })
}
