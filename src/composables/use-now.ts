import { createSharedComposable, useTimestamp } from '@vueuse/core'
import type { Ref } from 'vue'

/**
 * The current time (ms), ticking every 15 s while any component uses it ("2 分钟前" stays true).
 * Shared: one timer for every user (a queue of 200 rows), stopped when the last one goes.
 */
export const useNow: () => Readonly<Ref<number>> = createSharedComposable(() => useTimestamp({ interval: 15_000 }))
