import { acceptHMRUpdate, defineStore } from 'pinia'
import type { Checkpoints } from '../db/case-list-checkpoints'
import { type CaseWindow, firstWindowSpec, type ListQuery, readWindow, sameQuery } from '../db/case-list-window'
import { countCasesByStatus } from '../db/case-queries'
import { db } from '../db/db'
import type { CaseStatus } from '../domain'

export type StatusCounts = Record<CaseStatus, number>

/**
 * What the case list keeps while it is not mounted (a case is open, or the app is booting), so it
 * shows the same cases, counts and place at once when it comes back. Plain values, not state:
 * the list's composables copy them into their own refs.
 */
export const useCaseListStore = defineStore('caseList', () => {
  /** The first screen read while the app booted (main.ts), for the list's first mount only. */
  let preloaded: { query: ListQuery, window?: CaseWindow } | null = null
  /** What the list last had loaded. */
  let kept: { window: CaseWindow, checkpoints: Checkpoints | null } | null = null
  /** The last chip counts read. */
  let counts: StatusCounts | null = null
  /** Where the list was scrolled, per filter and search ("back" from a case returns there). */
  const places = new Map<string, number>()

  /**
   * Reads the first screen of the start page and the chip counts while the app boots, so the first
   * paint shows them rather than an empty list that fills and shifts a moment later.
   */
  async function preload(query: ListQuery, rows: number): Promise<void> {
    const mine: NonNullable<typeof preloaded> = { query }
    preloaded = mine
    try { [mine.window, counts] = await Promise.all([readWindow(db, firstWindowSpec(query, rows)), countCasesByStatus(db)]) }
    catch { /* the list reads them itself */ }
  }

  /** The window to show first for `query`: the preloaded one (once), else the one kept; checkpoints come with a kept one. */
  function takeFirstWindow(query: ListQuery) {
    const taken = preloaded
    preloaded = null
    if (taken?.window && sameQuery(taken.query, query)) return { window: taken.window, checkpoints: null, preloaded: true }
    if (kept && sameQuery(kept.window.spec.query, query)) return { ...kept, preloaded: false }
    return null
  }

  return {
    preload,
    takeFirstWindow,
    keep: (window: CaseWindow | null, checkpoints: Checkpoints | null) => { kept = window && { window, checkpoints } },
    lastCounts: () => counts,
    keepCounts: (next: StatusCounts) => { counts = next },
    placeOf: (key: string) => places.get(key),
    keepPlace: (key: string, scrollY: number) => { places.set(key, scrollY) },
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCaseListStore, import.meta.hot))
