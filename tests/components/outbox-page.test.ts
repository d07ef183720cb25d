import 'fake-indexeddb/auto'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { OutboxEntry } from '../../src/db/database'
import { db } from '../../src/db/db'
import { i18n } from '../../src/i18n'
import zhCN from '../../src/i18n/zh-CN'
import OutboxPage from '../../src/pages/OutboxPage.vue'
import { SESSION, caseRecord, resetDb, setUpApp, until } from './support/fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

const CASE = caseRecord({ id: '0190a000-0000-7000-8000-000000000010', caseNo: 'ORD-20261128-K7Q2X-0010', status: 'completed' })
const REJECTED: OutboxEntry = {
  id: '0190a000-0000-7000-8000-0000000000b1', entityId: CASE.id, actorId: SESSION.userId, actor: SESSION.user, state: 'rejected',
  mutation: {
    id: '0190a000-0000-7000-8000-0000000000b1', deviceId: 'd', actorId: SESSION.userId, entity: 'case', entityId: CASE.id,
    op: 'case.transition', baseVersion: 1, payload: { action: 'withdraw', note: '' }, clientTime: '2026-11-28T02:00:00.000Z',
  },
  result: { id: '0190a000-0000-7000-8000-0000000000b1', status: 'rejected', code: 'ILLEGAL_TRANSITION', message: 'closed', reason: 'reject.finalCase' },
}

let wrapper: VueWrapper

beforeEach(async () => {
  await resetDb()
  await db.cases.put(CASE)
  await db.caseBases.put({ id: CASE.id, data: CASE })
  await db.outbox.add(REJECTED)
})

afterEach(() => {
  wrapper?.unmount()
  vi.restoreAllMocks()
})

describe('outbox page', () => {
  it('shows why the central system refused a change and lets its author discard it', async () => {
    const { pinia, router } = await setUpApp('/outbox', [{ path: '/outbox', component: OutboxPage }])
    wrapper = mount(OutboxPage, { global: { plugins: [pinia, i18n, router] } })
    await until(() => expect(wrapper.findAll('[data-testid="outbox-answered"]')).toHaveLength(1))
    const item = wrapper.find('[data-testid="outbox-answered"]')
    expect(item.find('[data-testid="outbox-reason"]').text()).toBe(zhCN.reject.finalCase)
    expect(item.text()).toContain('ILLEGAL_TRANSITION')
    expect(item.text()).toContain(zhCN.action.withdraw)
    await until(() => expect(item.text()).toContain(CASE.caseNo))

    const confirm = vi.fn(() => false)
    window.confirm = confirm
    await item.find('[data-testid="outbox-discard"]').trigger('click')
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(await db.outbox.count()).toBe(1)

    confirm.mockReturnValue(true)
    await item.find('[data-testid="outbox-discard"]').trigger('click')
    await until(async () => expect(await db.outbox.count()).toBe(0))
    await until(() => expect(wrapper.find('[data-testid="outbox-empty"]').text()).toBe(zhCN.outbox.empty))
  })
})
