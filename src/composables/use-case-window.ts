import { liveQuery, type Subscription } from 'dexie'
import { effectScope, onScopeDispose, type Ref, shallowRef } from 'vue'
import type { Checkpoints } from '../db/case-list-checkpoints'
import { type CaseWindow, firstWindowSpec, type ListQuery, type WindowSpec } from '../db/case-list-window'
import { countCasesByStatus } from '../db/case-queries'
import { db } from '../db/db'
import { type StatusCounts, useCaseListStore } from '../stores/case-list'
import { afterFirstPaint } from '../utils/after-first-paint'
import type { LiveWindow } from './follow-case-window'

/**
 * The cases the virtual list shows, read from the device database in windows around what is on
 * screen: a few hundred cases in memory whatever the device holds. Without a search a window is
 * read by keyset, from a case already loaded or, after a jump, from a checkpoint — never by a long
 * offset, which IndexedDB walks entry by entry. A search reads its matches by offset (listCases),
 * which stays short. Each window is a liveQuery, so changes show at once; the answer for a window
 * no longer wanted (the clerk typed on, or scrolled away) is dropped.
 */
export function useCaseWindow(query: Ref<ListQuery>, visible: Ref<{ start: number, end: number }>, firstRows: number) {
  const store = useCaseListStore()
  const current = shallowRef<CaseWindow | null>(null)
  const checkpoints = shallowRef<Checkpoints | null>(null)
  let wanted: WindowSpec = firstWindowSpec(query.value, firstRows)
  let stale = false

  const first = store.takeFirstWindow(query.value)
  if (first) {
    wanted = first.window.spec
    current.value = first.window
    checkpoints.value = first.checkpoints
    // A kept window's checkpoints may be from before cases came or went.
    stale = !first.preloaded
  }

  // Following the database and the scrolling loads on its own (follow-case-window.ts): a preloaded
  // window is on the first paint already and goes live once that paint is done.
  const scope = effectScope()
  let live: LiveWindow | undefined
  let disposed = false
  const goLive = async () => {
    const { followWindow } = await import('./follow-case-window')
    if (disposed) return
    live = scope.run(() => followWindow({ query, visible, current, checkpoints, firstRows, wanted, stale }))
  }
  if (first?.preloaded) afterFirstPaint(() => void goLive())
  else void goLive()

  onScopeDispose(() => {
    disposed = true
    store.keep(current.value, checkpoints.value)
    live?.stop()
  })

  return {
    window: current,
    /** Cases came, went or changed status (the counts moved): checkpoints are walked again on the next jump. */
    positionsMoved: () => { if (live) live.positionsMoved(); else stale = true },
  }
}

const sameCounts = (a: StatusCounts | null, b: StatusCounts) =>
  !!a && Object.keys(b).every(s => a[s as keyof StatusCounts] === b[s as keyof StatusCounts])

/** Cases per status for the chips and the list's length; live (after the first paint when known already). */
export function useListCounts(): Ref<StatusCounts | null> {
  const store = useCaseListStore()
  const counts = shallowRef(store.lastCounts())
  let subscription: Subscription | undefined
  let disposed = false
  const subscribe = () => {
    if (disposed) return
    subscription = liveQuery(() => countCasesByStatus(db)).subscribe({
      next: (next) => {
        store.keepCounts(next)
        if (!sameCounts(counts.value, next)) counts.value = next
      },
      error: error => console.error('case counts failed', error),
    })
  }
  if (counts.value) afterFirstPaint(subscribe)
  else subscribe()
  onScopeDispose(() => { disposed = true; subscription?.unsubscribe() })
  return counts
}
