import 'fake-indexeddb/auto'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../src/db/db'
import type { CaseAuditEntry } from '../../src/domain/audit'
import { i18n } from '../../src/i18n'
import CaseDetailPage from '../../src/pages/CaseDetailPage.vue'
import { ITEMS, SESSION, caseRecord, resetDb, setUpApp } from './support/fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

const CASE = caseRecord({
  id: '0190a000-0000-7000-8000-000000000031', caseNo: 'ORD-20261128-K7Q2X-0031', status: 'in_progress', version: 3,
  history: [
    { mutationId: 'm-1', at: '2026-11-28T02:00:00.000Z', actorId: SESSION.userId, actorName: '张敏', kind: 'update', fields: ['phone'] },
    { mutationId: 'm-2', at: '2026-11-28T02:05:00.000Z', actorId: SESSION.userId, actorName: '张敏', kind: 'update', fields: ['notes'] },
  ],
})

const entry = (mutationId: string, changes: CaseAuditEntry['changes']): CaseAuditEntry => ({
  seq: 1, mutationId, op: 'case.update', action: null, actorId: SESSION.userId, actorName: '张敏', deviceId: 'tablet-000001',
  serverTime: '2026-11-28T02:00:01.000Z', clientTime: '2026-11-28T02:00:00.000Z', changes,
})

let wrapper: VueWrapper
beforeEach(async () => {
  // The central system answers the case's audit trail; one entry's stored changes no longer read as JSON.
  vi.stubGlobal('fetch', vi.fn(async (url: string) => url.endsWith(`/api/cases/${CASE.id}/audit`)
    ? new Response(JSON.stringify({ caseId: CASE.id, entries: [entry('m-1', null), entry('m-2', { notes: { before: '', after: '已电话告知' } })] }), { headers: { 'content-type': 'application/json' } })
    : Promise.reject(new TypeError('Failed to fetch'))))
  await resetDb()
  await db.serviceItems.bulkPut(ITEMS)
  await db.cases.put(CASE)
})
afterEach(() => {
  wrapper?.unmount()
  vi.unstubAllGlobals()
})

describe('the case history with the central audit trail', () => {
  it('shows every audited change, and says which one the audit trail cannot read instead of hiding them all', async () => {
    const { pinia, router } = await setUpApp(`/cases/${CASE.id}`, [{ path: '/cases/:id', component: CaseDetailPage, props: true }])
    wrapper = mount(CaseDetailPage, { props: { id: CASE.id }, global: { plugins: [pinia, i18n, router] } })
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="history-audited"]')).toHaveLength(2))
    const [newest, oldest] = wrapper.findAll('[data-testid="history-entry"]')
    expect(newest!.find('[data-testid="history-changes"]').text()).toContain('已电话告知')
    expect(oldest!.find('[data-testid="history-audit-unreadable"]').exists()).toBe(true)
    expect(oldest!.find('[data-testid="history-changes"]').exists()).toBe(false)
  })
})
