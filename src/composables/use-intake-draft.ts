import { onScopeDispose } from 'vue'
import { db } from '../db/db'
import { readMeta, writeMeta } from '../db/meta'
import type { IntakeFormState } from './use-intake-form'

const SAVE_DELAY_MS = 400
const WINDOW_KEY = 'lastWindowNo'

/**
 * The unfinished intake form of one staff member, kept on the device (meta table) as they type, so
 * a reload, a crash or a flat battery loses nothing. Also remembers the window number of the tablet.
 */
export function useIntakeDraft(userId: string) {
  const key = `intakeDraft:${userId}`
  let timer: ReturnType<typeof setTimeout> | undefined
  let unsaved: IntakeFormState | null = null

  const load = () => readMeta<IntakeFormState | null>(db, key, null)

  async function flush() {
    clearTimeout(timer)
    if (!unsaved) return
    const state = unsaved
    unsaved = null
    try { await writeMeta(db, key, state) }
    catch (error) { console.error('intake draft not saved', error) }
  }

  /** Debounced: a burst of typing becomes one write. */
  function save(state: IntakeFormState) {
    unsaved = { ...state, materials: [...state.materials] }
    clearTimeout(timer)
    timer = setTimeout(() => void flush(), SAVE_DELAY_MS)
  }

  async function clear() {
    clearTimeout(timer)
    unsaved = null
    await db.meta.delete(key)
  }

  const lastWindowNo = () => readMeta<string>(db, WINDOW_KEY, '')
  const rememberWindowNo = (windowNo: string) => writeMeta(db, WINDOW_KEY, windowNo)

  // Leaving the page keeps what was typed.
  onScopeDispose(() => void flush())

  return { load, save, flush, clear, lastWindowNo, rememberWindowNo }
}
