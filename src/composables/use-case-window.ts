import { liveQuery, type Subscription } from 'dexie'
import { effectScope, onScopeDispose, type Ref, shallowRef } from 'vue'
import { countCasesByStatus, listCases } from '../../db/case-queries'
import type { Checkpoints } from '../../db/case-list-checkpoints'
import { type ListKey, readFrom, readNewer } from '../../db/case-list-window'
import { db } from '../../db/db'
import type { CaseRecord, CaseStatus } from '../../domain'
import { afterFirstPaint } from './after-first-paint'
import type { LiveWindow } from './case-window-live'

/**
 * The cases the virtual list shows, read from the device database in windows around what is on
 * screen: a few hundred cases in memory whatever the device holds. Without a search a window is
 * read by keyset, from a case already loaded or, after a jump, from a checkpoint — never by a long
 * offset, which IndexedDB walks entry by entry. A search reads its matches by offset (listCases),
 * which stays short. Each window is a liveQuery, so changes show at once; the answer for a window
 * no longer wanted (the clerk typed on, or scrolled away) is dropped.
 */
export interface ListQuery { status: CaseStatus | null, search: string }

export interface KeysetSpec { kind: 'keyset', query: ListQuery, anchor: ListKey | null, anchorIndex: number, newer: number, older: number }
export interface SearchSpec { kind: 'search', query: ListQuery, offset: number, limit: number }
export type Spec = KeysetSpec | SearchSpec

export interface CaseWindow { spec: Spec, first: number, rows: CaseRecord[], end: boolean }

export const sameQuery = (a: ListQuery, b: ListQuery) => a.status === b.status && a.search.trim() === b.search.trim()

export async function readWindow(spec: Spec): Promise<CaseWindow> {
  const { status, search } = spec.query
  if (spec.kind === 'search') {
    const page = await listCases(db, { status, search, offset: spec.offset, limit: spec.limit })
    return { spec, first: spec.offset, rows: page.rows, end: !page.hasMore }
  }
  const [newer, older] = await Promise.all([
    spec.anchor ? readNewer(db, status, spec.anchor, spec.newer) : [],
    readFrom(db, status, spec.anchor, spec.older),
  ])
  // Fewer newer cases than asked for: the window reaches the top, whatever the anchor's index said.
  const first = spec.anchor && newer.length < spec.newer ? 0 : spec.anchorIndex - newer.length
  return { spec, first, rows: [...newer, ...older], end: older.length < spec.older }
}

/** The first window of a query: the cases that fill the first screen. */
export function firstSpec(query: ListQuery, rows: number): Spec {
  return query.search.trim()
    ? { kind: 'search', query, offset: 0, limit: rows }
    : { kind: 'keyset', query, anchor: null, anchorIndex: 0, newer: 0, older: rows }
}

type Counts = Record<CaseStatus, number>

let primed: { query: ListQuery, window?: CaseWindow } | null = null
/** What the list last had loaded: coming back from a case, it shows the same place at once. */
let kept: { window: CaseWindow, checkpoints: Checkpoints | null } | null = null
/** The last counts read: the chips show them at once when the list comes back (then they go live). */
let lastCounts: Counts | null = null

/**
 * Reads the first screen of the start page and the chip counts while the app boots (main.ts),
 * so the first paint shows them rather than an empty list that fills and shifts a moment later.
 */
export async function primeCaseWindow(query: ListQuery, rows: number): Promise<void> {
  const mine = { query } as NonNullable<typeof primed>
  primed = mine
  try { [mine.window, lastCounts] = await Promise.all([readWindow(firstSpec(query, rows)), countCasesByStatus(db)]) }
  catch { /* the list reads them itself */ }
}

const sameCounts = (a: Counts | null, b: Counts) => !!a && Object.keys(b).every(s => a[s as CaseStatus] === b[s as CaseStatus])

/** Cases per status for the chips and the list's length; live (after the first paint when known already). */
export function useListCounts(): Ref<Counts | null> {
  const counts = shallowRef(lastCounts)
  let subscription: Subscription | undefined
  const subscribe = () => {
    if (disposed) return
    subscription = liveQuery(() => countCasesByStatus(db)).subscribe({
      next: (next) => {
        lastCounts = next
        if (!sameCounts(counts.value, next)) counts.value = next
      },
      error: error => console.error('case counts failed', error),
    })
  }
  let disposed = false
  if (counts.value) afterFirstPaint(subscribe)
  else subscribe()
  onScopeDispose(() => { disposed = true; subscription?.unsubscribe() })
  return counts
}

export function useCaseWindow(query: Ref<ListQuery>, visible: Ref<{ start: number, end: number }>, firstRows: number) {
  const current = shallowRef<CaseWindow | null>(null)
  const checkpoints = shallowRef<Checkpoints | null>(null)
  let wanted: Spec = firstSpec(query.value, firstRows)
  let stale = false

  const taken = primed
  primed = null
  if (taken?.window && sameQuery(taken.query, query.value)) {
    wanted = taken.window.spec
    current.value = taken.window
  }
  else if (kept && sameQuery(kept.window.spec.query, query.value)) {
    wanted = kept.window.spec
    current.value = kept.window
    checkpoints.value = kept.checkpoints
    stale = true
  }

  // Following the database and the scrolling loads on its own (case-window-live.ts): a primed
  // window is on the first paint already and goes live once that paint is done.
  const scope = effectScope()
  let live: LiveWindow | undefined
  let disposed = false
  const goLive = async () => {
    const { followWindow } = await import('./case-window-live')
    if (disposed) return
    live = scope.run(() => followWindow({ query, visible, current, checkpoints, firstRows, wanted, stale }))
  }
  if (taken?.window) afterFirstPaint(() => void goLive())
  else void goLive()

  onScopeDispose(() => {
    disposed = true
    kept = current.value && { window: current.value, checkpoints: checkpoints.value }
    live?.stop()
  })

  return {
    window: current,
    /** Cases came, went or changed status (the counts moved): checkpoints are walked again on the next jump. */
    positionsMoved: () => { if (live) live.positionsMoved(); else stale = true },
  }
}
