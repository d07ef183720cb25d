import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'

/**
 * Forms with input that is not submitted yet. The update prompt reloads only when this is empty,
 * so a new version never lands over a half-typed intake.
 */
export const useUnsavedStore = defineStore('unsaved', () => {
  const dirty = ref<string[]>([])
  /** True while any form holds unsubmitted input. */
  const hasUnsaved = computed(() => dirty.value.length > 0)

  /** Marks the form `id` as holding unsubmitted input (or not). */
  function mark(id: string, isDirty: boolean) {
    const others = dirty.value.filter(form => form !== id)
    dirty.value = isDirty ? [...others, id] : others
  }

  return { dirty, hasUnsaved, mark }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useUnsavedStore, import.meta.hot))
