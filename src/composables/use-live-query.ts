import { liveQuery, type Subscription } from 'dexie'
import { onScopeDispose, type Ref, shallowRef, watch, type WatchSource } from 'vue'

/**
 * A Dexie liveQuery as a Vue ref: re-runs when the tables it read change (in this tab, another tab
 * or the service worker) and when `deps` change.
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, initial: T, deps: WatchSource[] = []): Ref<T> {
  const value = shallowRef(initial) as Ref<T>
  let subscription: Subscription | undefined
  const subscribe = () => {
    subscription?.unsubscribe()
    subscription = liveQuery(query).subscribe({
      next: (result) => { value.value = result },
      error: error => console.error('liveQuery failed', error),
    })
  }
  watch(deps, subscribe, { immediate: true })
  onScopeDispose(() => subscription?.unsubscribe())
  return value
}
