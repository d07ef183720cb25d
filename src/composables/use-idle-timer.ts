import { onScopeDispose, type Ref, watch } from 'vue'

/** Pointer, key and touch input: any of them means someone is at the tablet. */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel'] as const
/** Shared with the app's other tabs/windows, so working in one keeps the others from locking. */
const LAST_INPUT_KEY = 'shiftdesk.lastInput'
const SHARE_EVERY_MS = 5_000

/**
 * Calls `onIdle` once `minutes` pass without input (null: never). Input only notes the time;
 * one timer checks when the time could be up, so a stream of pointer moves costs nothing. A
 * tablet that slept past the limit is caught when it wakes (the timer fires late, or the page
 * becomes visible).
 */
export function useIdleTimer(minutes: Readonly<Ref<number | null>>, onIdle: () => void) {
  let lastInput = Date.now()
  let lastShared = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  function noteInput() {
    lastInput = Date.now()
    if (lastInput - lastShared < SHARE_EVERY_MS) return
    lastShared = lastInput
    try { localStorage.setItem(LAST_INPUT_KEY, String(lastInput)) }
    catch { /* storage blocked: this tab counts alone */ }
  }

  function latestInput(): number {
    let shared = 0
    try { shared = Number(localStorage.getItem(LAST_INPUT_KEY)) || 0 }
    catch { /* storage blocked */ }
    return Math.max(lastInput, shared)
  }

  function check() {
    clearTimeout(timer)
    if (minutes.value === null) return
    const dueIn = latestInput() + minutes.value * 60_000 - Date.now()
    if (dueIn <= 0) return onIdle()
    timer = setTimeout(check, dueIn)
  }

  const onVisible = () => { if (document.visibilityState === 'visible') check() }
  for (const type of INPUT_EVENTS) window.addEventListener(type, noteInput, { capture: true, passive: true })
  document.addEventListener('visibilitychange', onVisible)
  // Switched on (someone unlocked) or changed in the settings: count from now.
  watch(minutes, () => { lastInput = Date.now(); check() }, { immediate: true })

  onScopeDispose(() => {
    clearTimeout(timer)
    for (const type of INPUT_EVENTS) window.removeEventListener(type, noteInput, { capture: true })
    document.removeEventListener('visibilitychange', onVisible)
  })
}
