import { createRouter, createWebHistory, type Router, type RouterHistory, type RouteRecordRaw } from 'vue-router'
import CaseListPage from './pages/CaseListPage.vue'
import { db } from './db/db'
import { deviceHasStaff } from './db/device-staff'
import { useSessionStore } from './stores/session'

/** The case list, a signed-in clerk's start page, is in the first load; the rest load when first visited. */
export const routes: RouteRecordRaw[] = [
  { path: '/signin', name: 'signin', component: () => import('./pages/SignInPage.vue'), meta: { public: true } },
  { path: '/', name: 'cases', component: CaseListPage },
  { path: '/cases/new', name: 'intake', component: () => import('./pages/IntakePage.vue') },
  { path: '/cases/:id/receipt', name: 'receipt', component: () => import('./pages/ReceiptPage.vue'), props: true },
  { path: '/cases/:id', name: 'case', component: () => import('./pages/CaseDetailPage.vue'), props: true },
  { path: '/today', name: 'today', component: () => import('./pages/TodayPage.vue') },
  { path: '/admin/calendar', name: 'calendarAdmin', component: () => import('./pages/AdminCalendarPage.vue'), meta: { roles: ['admin'] } },
  { path: '/readiness', name: 'readiness', component: () => import('./pages/ReadinessPage.vue') },
  { path: '/approvals', name: 'approvals', component: () => import('./pages/ApprovalQueuePage.vue'), meta: { roles: ['supervisor'] } },
  { path: '/outbox', name: 'outbox', component: () => import('./pages/OutboxPage.vue') },
  { path: '/lock', name: 'lock', component: () => import('./pages/LockPage.vue'), meta: { public: true } },
  { path: '/pin-setup', name: 'pinSetup', component: () => import('./pages/PinSetupPage.vue') },
  { path: '/settings', name: 'settings', component: () => import('./pages/SettingsPage.vue') },
  { path: '/admin/:page(staff|devices)', component: () => import('./pages/AccountsAdminPage.vue'), props: true, meta: { roles: ['admin'] } },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

/**
 * Without a signed-in user every page leads to sign-in; a signed-in user is sent away from it,
 * unless they come to sign in again (`?again=1`) because the central system refused their session.
 * A locked tablet (nobody current, but staff here who can unlock) leads everywhere to /lock except
 * sign-in; a current user without a PIN on this device sets one first.
 */
export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)): Router {
  const router = createRouter({ history, routes })
  router.beforeEach(async (to) => {
    const session = useSessionStore()
    if (to.name === 'signin') {
      if (session.user && to.query.again !== '1') return { name: 'cases' }
      return true
    }
    if (!session.user) {
      if (await deviceHasStaff(db)) return to.name === 'lock' || { name: 'lock' }
      return { name: 'signin', query: to.fullPath === '/' || to.name === 'lock' ? {} : { redirect: to.fullPath } }
    }
    if (to.name === 'lock') return { name: 'cases' }
    // Signed in with a one-time password: nothing else until it is changed (the server refuses anyway).
    if (session.session?.mustChangePassword) return to.name === 'settings' || { name: 'settings' }
    // Read here, not through db/device-pins: the PIN code (hashing, attempts) stays out of the first load.
    const hasPin = (await db.pins.get(session.user.id)) !== undefined
    if (!hasPin && to.name !== 'pinSetup') return { name: 'pinSetup', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    if (hasPin && to.name === 'pinSetup') return { name: 'cases' }
    // Hiding a link is not enough: a clerk who types /approvals lands on their list (the server refuses anyway).
    const roles = to.meta.roles as readonly string[] | undefined
    if (roles && !roles.includes(session.user.role)) return { name: 'cases' }
    return true
  })
  return router
}
