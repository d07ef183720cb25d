import 'fake-indexeddb/auto'
import { createPinia, type Pinia, setActivePinia } from 'pinia'
import type { VueWrapper } from '@vue/test-utils'
import { expect, vi } from 'vitest'
import { createMemoryHistory, createRouter, type RouteRecordRaw, type Router } from 'vue-router'
import type { DeviceSession } from '../../../src/db/database'
import { db } from '../../../src/db/db'
import type { CaseRecord, ServiceItem } from '../../../src/domain'
import { i18n } from '../../../src/i18n'
import { useSessionStore } from '../../../src/stores/session'

/** Test data and a mounted-app setup shared by the component tests (real pinia, i18n, Dexie). */
export const SESSION: DeviceSession = {
  userId: 'u-clerk1',
  user: { id: 'u-clerk1', username: 'ord-clerk1', name: '李娜', role: 'clerk', centerId: 'c-ord' },
  center: { id: 'c-ord', code: 'ORD', name: '鄂尔多斯市政务服务中心', nameEn: 'Ordos Government Service Center' },
  token: 'test-token',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  expired: false,
}

export const ITEMS: ServiceItem[] = [
  {
    id: 'item-id-card', code: 'GA-001', name: '身份证补办', nameEn: 'ID card replacement', department: '公安局',
    materials: [{ name: '户口簿', eLicence: true }, { name: '近期免冠照片', eLicence: false }],
    timeLimitDays: 0, needsApproval: false, urgent: false, weekend: true, applicants: ['person'], version: 1,
  },
  {
    id: 'item-licence', code: 'SC-002', name: '营业执照打印', nameEn: 'Business licence printing', department: '市场监管局',
    materials: [{ name: '授权委托书', eLicence: false }],
    timeLimitDays: 3, needsApproval: true, urgent: false, weekend: false, applicants: ['person', 'enterprise'], version: 1,
  },
]

export async function resetDb() {
  await Promise.all(db.tables.map(table => table.clear()))
}

/** A fresh pinia with the clerk signed in, zh-CN, and a memory router on `path`. */
export async function setUpApp(path: string, routes: RouteRecordRaw[]): Promise<{ pinia: Pinia, router: Router }> {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().session = SESSION
  i18n.global.locale.value = 'zh-CN'
  const stub = { template: '<div />' }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [...routes, { path: '/:rest(.*)*', component: stub }],
  })
  await router.push(path)
  await router.isReady()
  return { pinia, router }
}

export function caseRecord(overrides: Partial<CaseRecord> & Pick<CaseRecord, 'id' | 'caseNo'>): CaseRecord {
  return {
    centerId: 'c-ord', serviceItemId: 'item-id-card', serviceItemName: '身份证补办', applicantType: 'person',
    applicantName: '王小明', idNumber: '11010519491231002X', contactName: '', phone: '13800138000',
    materials: ['户口簿'], channel: 'window', windowNo: '3', notes: '', status: 'received', statusNote: '',
    receivedAt: '2026-11-28T01:00:00.000Z', receivedBy: 'u-clerk1', receivedByName: '李娜',
    updatedAt: '2026-11-28T01:00:00.000Z', version: 1, history: [], ...overrides,
  }
}

/**
 * Waits until `check` passes: rendering that follows a liveQuery, or IndexedDB work (fake-indexeddb
 * runs it on setImmediate). vi.waitFor polls the condition, and under fake timers moves the clock on
 * by its interval, so no test waits a fixed time; the limit only turns a hang into the check's own
 * error before the test's timeout. Waits for an app timer (debounce, idle lock) advance fake time.
 */
export const until = <T>(check: () => T | Promise<T>, timeoutMs = 4_000): Promise<T> =>
  vi.waitFor(check, { timeout: timeoutMs, interval: 5 })

/** The intake form has read the draft and the window number (typing earlier wins over them). */
export const intakeFormLoaded = (wrapper: VueWrapper) =>
  until(() => expect(wrapper.find('[data-testid="intake-form"]').attributes('aria-busy')).toBe('false'))
