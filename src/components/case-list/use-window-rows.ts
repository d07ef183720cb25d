import { computed, onBeforeUnmount, onMounted, type Ref, shallowRef } from 'vue'

/** The window's height when this module loaded, before the app put anything in the page. */
const startViewport = window.innerHeight

/**
 * Which rows of a list of equally tall rows the window shows as it scrolls: the list renders those
 * (and `overscan` more on each side) and nothing else. Rows share one height, so a row's place is
 * index × height: no measuring per row, and 100,000 rows cost what 20 do. (A general virtualizer
 * such as @tanstack/vue-virtual measured 9 KB gzipped, past the start page's budget, for sizes
 * this list does not need.)
 */
export function useWindowRows(list: Ref<HTMLElement | null>, count: Ref<number>, rowHeight: Ref<number>, overscan: Ref<number>) {
  // No layout is read while the page is being built (it would lay out a half-built page): the
  // first render assumes the top of the page and the window's height as the app started with.
  const scrollY = shallowRef(0)
  const viewport = shallowRef(startViewport)
  /** Where the list starts in the page, and how much of the window the app's sticky bar covers. */
  const listTop = shallowRef(0)
  const covered = shallowRef(0)

  /** Reads the layout: on mount, and whenever something above the list or the window changes size. */
  function measure() {
    if (!list.value) return
    scrollY.value = window.scrollY
    viewport.value = window.innerHeight
    listTop.value = Math.round(list.value.getBoundingClientRect().top + window.scrollY)
    covered.value = document.querySelector<HTMLElement>('.app-sticky')?.offsetHeight ?? 0
  }

  let frame = 0
  const onScroll = () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; scrollY.value = window.scrollY })
  }
  let observer: ResizeObserver | undefined
  onMounted(() => {
    measure()
    window.addEventListener('scroll', onScroll, { passive: true })
    // Anything above the list that grows or shrinks (a banner, the chips wrapping) moves the list.
    observer = new ResizeObserver(() => measure())
    observer.observe(document.body)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('scroll', onScroll)
    cancelAnimationFrame(frame)
    observer?.disconnect()
  })

  /** The rows on screen, first to last (-1 when none). */
  const visible = computed(() => {
    const top = scrollY.value + covered.value - listTop.value
    const first = Math.max(0, Math.floor(top / rowHeight.value))
    const last = Math.min(count.value - 1, Math.ceil((scrollY.value + viewport.value - listTop.value) / rowHeight.value) - 1)
    return { first: Math.min(first, Math.max(last, 0)), last }
  })
  const rows = computed(() => {
    const { first, last } = visible.value
    const indexes: number[] = []
    for (let i = Math.max(0, first - overscan.value); i <= Math.min(count.value - 1, last + overscan.value); i++) indexes.push(i)
    return indexes
  })

  /** Scrolls the window just enough to show row `index` whole, below the sticky bar. */
  function scrollToRow(index: number) {
    const top = listTop.value + index * rowHeight.value
    if (top < window.scrollY + covered.value) window.scrollTo({ top: top - covered.value })
    else if (top + rowHeight.value > window.scrollY + window.innerHeight) window.scrollTo({ top: top + rowHeight.value - window.innerHeight })
    scrollY.value = window.scrollY
  }

  return { rows, visible, measure, scrollToRow }
}
