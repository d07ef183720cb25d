import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { i18n, preferredLocale, setLocale } from './i18n'
import { createAppRouter } from './router'
import { useSessionStore } from './stores/session'
import { startSyncScheduler } from './sync/page/sync-scheduler'
import './styles/index.css'

async function boot() {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  // Who is at the tablet comes from the device, before the first route is decided.
  await Promise.all([useSessionStore(pinia).restore(), setLocale(preferredLocale())])
  app.use(createAppRouter())
  app.use(i18n)
  app.mount('#app')
  startSyncScheduler()
}

void boot()
