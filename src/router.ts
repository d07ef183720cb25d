import { createRouter, createWebHistory, type Router, type RouterHistory, type RouteRecordRaw } from 'vue-router'
import CaseListPage from './pages/CaseListPage.vue'
import SignInPage from './pages/SignInPage.vue'
import { useSessionStore } from './stores/session'

/** The case list and sign-in are in the first load; the rest load when first visited. */
export const routes: RouteRecordRaw[] = [
  { path: '/signin', name: 'signin', component: SignInPage, meta: { public: true } },
  { path: '/', name: 'cases', component: CaseListPage },
  { path: '/cases/new', name: 'intake', component: () => import('./pages/IntakePage.vue') },
  { path: '/cases/:id/receipt', name: 'receipt', component: () => import('./pages/ReceiptPage.vue'), props: true },
  { path: '/cases/:id', name: 'case', component: () => import('./pages/CaseDetailPage.vue'), props: true },
  { path: '/outbox', name: 'outbox', component: () => import('./pages/OutboxPage.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

/**
 * Without a signed-in user every page leads to sign-in; a signed-in user is sent away from it,
 * unless they come to sign in again (`?again=1`) because the central system refused their session.
 */
export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)): Router {
  const router = createRouter({ history, routes })
  router.beforeEach((to) => {
    const session = useSessionStore()
    if (to.name === 'signin') {
      if (session.user && to.query.again !== '1') return { name: 'cases' }
      return true
    }
    if (!session.user) return { name: 'signin', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    return true
  })
  return router
}
