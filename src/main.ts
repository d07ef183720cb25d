import { type Pinia, createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { CASE_STATUSES } from './domain'
import { i18n, preferredLocale, setLocale } from './i18n'
import { createAppRouter } from './router'
import { useCaseListStore } from './stores/case-list'
import { useSessionStore } from './stores/session'
import { startSyncScheduler } from './sync/page/sync-scheduler'
import { afterFirstPaint } from './utils/after-first-paint'
import { firstScreenRows } from './utils/case-row-height'
import './styles/index.css'

/** The start page's first screen of cases, read while the app boots when the app opens on the list. */
function preloadStartPage(pinia: Pinia): Promise<void> {
  if (location.pathname !== '/') return Promise.resolve()
  const params = new URLSearchParams(location.search)
  const status = CASE_STATUSES.find(s => s === params.get('status')) ?? null
  return useCaseListStore(pinia).preload({ status, search: params.get('q')?.trim() ?? '' }, firstScreenRows())
}

async function boot() {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  // Who is at the tablet comes from the device, before the first route is decided; the list's
  // first cases are read meanwhile, so the first paint shows the page whole, at once.
  // The list waits for the session: restoring it may wipe another scope's cases first.
  const restored = useSessionStore(pinia).restore()
  const preloaded = restored.then(() => preloadStartPage(pinia))
  await Promise.all([restored, setLocale(preferredLocale())])
  const router = createAppRouter()
  app.use(router)
  app.use(i18n)
  await Promise.all([router.isReady(), preloaded])
  app.mount('#app')
  // Syncing waits until the first screen is painted and the browser is idle: it is not what the
  // clerk came to see, and its round (engine code, network, writes) would hold up that paint.
  afterFirstPaint(() => startSyncScheduler())
}

void boot()
