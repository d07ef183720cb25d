import 'fake-indexeddb/auto'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../src/db/db'
import { i18n } from '../../src/i18n'
import CaseDetailPage from '../../src/pages/CaseDetailPage.vue'
import { ITEMS, SESSION, caseRecord, resetDb, setUpApp, until } from './support/fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

const RETURNED = caseRecord({
  id: '0190a000-0000-7000-8000-000000000021', caseNo: 'ORD-20261128-K7Q2X-0021', status: 'returned',
  statusNote: '缺少近期免冠照片', materials: ['户口簿'], version: 3,
  history: [{ mutationId: 'm-1', at: '2026-11-28T02:00:00.000Z', actorId: 'u-super', actorName: '赵强', kind: 'returnForMaterials', from: 'pending_approval', to: 'returned', note: '缺少近期免冠照片' }],
})

let wrapper: VueWrapper
beforeEach(async () => {
  // No central system in this test: the case history's audit request fails as it would offline.
  vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch') }))
  await resetDb()
  await db.serviceItems.bulkPut(ITEMS)
  await db.cases.put(RETURNED)
})
afterEach(() => {
  wrapper?.unmount()
  vi.unstubAllGlobals()
})

describe('a returned case on the clerk’s device', () => {
  it('shows who returned it and why, and resumes with the materials the applicant brought, in one step', async () => {
    const { pinia, router } = await setUpApp(`/cases/${RETURNED.id}`, [{ path: '/cases/:id', component: CaseDetailPage, props: true }])
    wrapper = mount(CaseDetailPage, { props: { id: RETURNED.id }, global: { plugins: [pinia, i18n, router] } })
    await until(() => expect(wrapper.find('[data-testid="returned-panel"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="returned-panel"]').text()).toContain('赵强')
    expect(wrapper.find('[data-testid="returned-note"]').text()).toBe('缺少近期免冠照片')
    await wrapper.find('input[value="近期免冠照片"]').setValue(true)
    await wrapper.find('[data-testid="returned-resume"]').trigger('click')
    await flushPromises()
    await until(async () => expect((await db.cases.get(RETURNED.id))?.status).toBe('in_progress'))
    const record = (await db.cases.get(RETURNED.id))!
    expect(record.materials).toEqual(['户口簿', '近期免冠照片'])
    const changes = await db.outbox.orderBy('seq').toArray()
    expect(changes.map(c => c.mutation.op)).toEqual(['case.update', 'case.transition'])
    expect(changes.every(c => c.actorId === SESSION.userId)).toBe(true)
  })
})
