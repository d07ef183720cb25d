import { ref } from 'vue'

/** Stands in for vite-plugin-pwa's virtual module in component tests (no service worker there). */
export function useRegisterSW() {
  return { offlineReady: ref(false), needRefresh: ref(false), updateServiceWorker: async () => {} }
}
