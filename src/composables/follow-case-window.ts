import { liveQuery, type Subscription } from 'dexie'
import { type Ref, type ShallowRef, watch } from 'vue'
import type { Checkpoints } from '../db/case-list-checkpoints'
import { listKeyOf } from '../db/case-list-keyset'
import { type CaseWindow, firstWindowSpec, type ListQuery, readWindow, sameQuery, type WindowSpec } from '../db/case-list-window'
import { db } from '../db/db'
import type { CaseRecord } from '../domain'

/**
 * The case list's window once it is live (use-case-window.ts loads this after the first paint):
 * which cases to read for what is on screen, read as liveQueries, with checkpoints for jumps.
 */

/** Cases kept loaded beyond each side of those on screen. */
const MARGIN = 40
/** Farther than this from the loaded cases, a keyset read would be long: start from a checkpoint. */
const REACH = 400
/** Distance between checkpoints: a jump reads at most this many cases before the ones it wants. */
const STEP = 200

/** The same case, not changed since. */
const unchanged = (a: CaseRecord, b: CaseRecord) => a.id === b.id && a.updatedAt === b.updatedAt && a.version === b.version

/** The same cases in the same places: a liveQuery answering with what is shown changes nothing. */
const sameWindow = (a: CaseWindow, b: CaseWindow) => a.first === b.first && a.end === b.end && a.rows.length === b.rows.length
  && a.rows.every((row, i) => unchanged(row, b.rows[i]!))

/** The new window with the rows it shares, unchanged, from the one shown: rows on screen need no new render. */
function keepUnchanged(shown: CaseWindow | null, next: CaseWindow): CaseWindow {
  if (!shown) return next
  const before = new Map(shown.rows.map(row => [row.id, row]))
  return { ...next, rows: next.rows.map((row) => { const old = before.get(row.id); return old && unchanged(old, row) ? old : row }) }
}

export interface LiveWindow { stop(): void, positionsMoved(): void }

interface Follow {
  query: Ref<ListQuery>
  visible: Ref<{ start: number, end: number }>
  current: ShallowRef<CaseWindow | null>
  checkpoints: ShallowRef<Checkpoints | null>
  firstRows: number
  /** The window shown now (primed, kept or the first screen's). */
  wanted: WindowSpec
  /** The checkpoints are from before positions moved. */
  stale: boolean
}

/** Reads the wanted window and follows it; runs in the list's effect scope (its watches stop with it). */
export function followWindow({ query, visible, current, checkpoints, firstRows, wanted, stale }: Follow): LiveWindow {
  let subscription: Subscription | undefined
  let walking: { stop: boolean } | null = null

  function want(spec: WindowSpec) {
    wanted = spec
    subscription?.unsubscribe()
    subscription = liveQuery(() => readWindow(db, spec)).subscribe({
      next: (window) => {
        // Only the answer for the window wanted now counts; a late one for an earlier window is dropped.
        if (window.spec !== wanted) return
        if (current.value?.spec === spec && sameWindow(current.value, window)) return
        current.value = keepUnchanged(current.value, window)
      },
      error: error => console.error('case list window failed', error),
    })
  }

  /** Walks the checkpoints of the current query in the background (again once positions moved). */
  function walk() {
    if (walking) return
    const me = { stop: false }
    walking = me
    stale = false
    const status = query.value.status
    void (async () => {
      try {
        const { walkCheckpoints } = await import('../db/case-list-checkpoints')
        for await (const found of walkCheckpoints(db, status, STEP)) {
          if (me.stop) return
          checkpoints.value = found
        }
      }
      catch (error) { console.error('case list checkpoints failed', error) }
      finally { if (walking === me) walking = null }
    })()
  }

  /** Decides which window to read for what is on screen; nothing when the loaded (or awaited) one covers it. */
  function plan() {
    const q = query.value
    const from = Math.max(0, visible.value.start - MARGIN)
    const to = visible.value.end + MARGIN
    const w = current.value?.spec === wanted ? current.value : null
    if (w && w.first <= from && (w.end || w.first + w.rows.length >= to)) return
    if (!w && covers(wanted, from, to)) return
    if (q.search.trim()) return want({ kind: 'search', query: q, offset: from, limit: to - from + MARGIN })
    const loaded = current.value && sameQuery(current.value.spec.query, q) ? current.value : null
    const mid = Math.floor((from + to) / 2)
    if (loaded?.rows.length && mid >= loaded.first - REACH && mid < loaded.first + loaded.rows.length + REACH) {
      // Near the loaded cases: around the loaded one nearest to the middle of the screen.
      const index = Math.min(Math.max(mid, loaded.first), loaded.first + loaded.rows.length - 1)
      const anchor = listKeyOf(loaded.rows[index - loaded.first]!)
      return want({ kind: 'keyset', query: q, anchor, anchorIndex: index, newer: Math.max(0, index - from), older: to - index })
    }
    if (from < REACH) return want({ kind: 'keyset', query: q, anchor: null, anchorIndex: 0, newer: 0, older: to })
    // A jump: from the nearest checkpoint above, once the walk has found it.
    if (stale) walk()
    const found = checkpoints.value
    const slot = Math.floor(from / STEP)
    if (!found?.keys.length || (slot >= found.keys.length && !found.done)) return walk()
    const at = Math.min(slot, found.keys.length - 1)
    want({ kind: 'keyset', query: q, anchor: found.keys[at]!, anchorIndex: at * STEP, newer: 0, older: to - at * STEP })
  }

  /** Whether the window being read will cover [from, to), as far as can be known before it answers. */
  function covers(spec: WindowSpec, from: number, to: number) {
    if (!sameQuery(spec.query, query.value)) return false
    if (spec.kind === 'search') return spec.offset <= from && spec.offset + spec.limit >= to
    return spec.anchorIndex - spec.newer <= from && spec.anchorIndex + spec.older >= to
  }

  watch(query, (q, old) => {
    if (sameQuery(q, old)) return
    if (walking) walking.stop = true
    walking = null
    checkpoints.value = null
    want(firstWindowSpec(q, firstRows))
  })
  watch([visible, current, checkpoints], plan)
  // The filter or search may have changed while this module loaded.
  want(sameQuery(wanted.query, query.value) ? wanted : firstWindowSpec(query.value, firstRows))
  plan()

  return {
    stop: () => {
      subscription?.unsubscribe()
      if (walking) walking.stop = true
    },
    positionsMoved: () => { stale = true },
  }
}
