import 'fake-indexeddb/auto'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../src/db/db'
import { i18n } from '../../src/i18n'
import zhCN from '../../src/i18n/zh-CN'
import CaseListPage from '../../src/pages/CaseListPage.vue'
import { SESSION, caseRecord, resetDb, setUpApp, until } from './support/fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

let wrapper: VueWrapper

const CASES = [
  caseRecord({ id: '0190a000-0000-7000-8000-000000000001', caseNo: 'ORD-20261128-K7Q2X-0001', applicantName: '王小明', receivedAt: '2026-11-28T01:00:00.000Z' }),
  caseRecord({ id: '0190a000-0000-7000-8000-000000000002', caseNo: 'ORD-20261128-K7Q2X-0002', applicantName: '李华', status: 'completed', receivedAt: '2026-11-28T02:00:00.000Z' }),
  caseRecord({ id: '0190a000-0000-7000-8000-000000000003', caseNo: 'ORD-20261128-K7Q2X-0003', applicantName: '张丽', status: 'received', receivedAt: '2026-11-28T03:30:00.000Z', version: 0 }),
]

beforeEach(async () => {
  await resetDb()
  await db.cases.bulkPut(CASES)
  // The newest case exists only on this device so far.
  await db.outbox.add({
    id: '0190a000-0000-7000-8000-0000000000aa', entityId: CASES[2]!.id, actorId: SESSION.userId, actor: SESSION.user, state: 'pending',
    mutation: {
      id: '0190a000-0000-7000-8000-0000000000aa', deviceId: 'd', actorId: SESSION.userId, entity: 'case', entityId: CASES[2]!.id,
      op: 'case.create', baseVersion: 0, payload: { caseNo: CASES[2]!.caseNo }, clientTime: '2026-11-28T03:30:00.000Z',
    },
  })
})

afterEach(() => wrapper?.unmount())

async function mountList() {
  const { pinia, router } = await setUpApp('/', [{ path: '/', component: CaseListPage }])
  wrapper = mount(CaseListPage, { global: { plugins: [pinia, i18n, router] } })
  await until(() => expect(wrapper.findAll('[data-testid="case-row"]')).toHaveLength(3))
  return router
}

const chip = (status: string) => wrapper.find(`[data-testid="status-chip-${status}"]`)

describe('case list', () => {
  it('lists the cases newest first, masked, in centre time, with the unsynced one marked', async () => {
    await mountList()
    const rows = wrapper.findAll('[data-testid="case-row"]')
    expect(rows.map(row => row.attributes('data-case-no'))).toEqual([
      'ORD-20261128-K7Q2X-0003', 'ORD-20261128-K7Q2X-0002', 'ORD-20261128-K7Q2X-0001',
    ])
    expect(rows[0]!.attributes('href')).toBe(`/cases/${CASES[2]!.id}`)
    expect(rows[0]!.text()).toContain('张丽')
    expect(rows[0]!.text()).toContain('1101**********002X')
    expect(wrapper.text()).not.toContain('11010519491231002X')
    expect(rows[0]!.text()).toContain('11:30') // 03:30 UTC is 11:30 in Beijing
    expect(rows[1]!.find('[data-testid="status-badge"]').text()).toBe(zhCN.status.completed)
    await until(() => expect(rows[0]!.find('[data-testid="row-unsynced"]').exists()).toBe(true))
    expect(rows[1]!.find('[data-testid="row-unsynced"]').exists()).toBe(false)
  })

  it('counts cases per status on the filter chips and filters by one', async () => {
    const router = await mountList()
    await until(() => expect(chip('all').find('[data-testid="status-count"]').text()).toBe('3'))
    expect(chip('received').find('[data-testid="status-count"]').text()).toBe('2')
    expect(chip('completed').find('[data-testid="status-count"]').text()).toBe('1')
    expect(chip('declined').find('[data-testid="status-count"]').text()).toBe('0')

    await chip('completed').trigger('click')
    await until(() => expect(wrapper.findAll('[data-testid="case-row"]')).toHaveLength(1))
    expect(chip('completed').attributes('aria-pressed')).toBe('true')
    expect(wrapper.find('[data-testid="case-row"]').text()).toContain('李华')
    await until(() => expect(router.currentRoute.value.query.status).toBe('completed'))

    await chip('declined').trigger('click')
    await until(() => expect(wrapper.find('[data-testid="list-empty"]').text()).toBe(zhCN.list.emptyFiltered))
  })

  it('searches by name after a pause in typing', async () => {
    await mountList()
    await wrapper.find('input[type="search"]').setValue('李')
    await until(() => expect(wrapper.findAll('[data-testid="case-row"]')).toHaveLength(1))
    expect(wrapper.find('[data-testid="case-row"]').text()).toContain('李华')
  })

  it('marks a case whose change is in conflict with the central system', async () => {
    const conflicted = CASES[0]!
    const id = '0190a000-0000-7000-8000-0000000000ab'
    await db.outbox.add({
      id, entityId: conflicted.id, actorId: SESSION.userId, actor: SESSION.user, state: 'conflict',
      mutation: {
        id, deviceId: 'd', actorId: SESSION.userId, entity: 'case', entityId: conflicted.id,
        op: 'case.update', baseVersion: 1, payload: { fields: { phone: '13600136000' } }, clientTime: '2026-11-28T03:40:00.000Z',
      },
      result: { id, status: 'conflict', fields: ['phone'], current: { ...conflicted, version: 2 } },
    })
    await mountList()
    const row = (caseNo: string) => wrapper.find(`[data-testid="case-row"][data-case-no="${caseNo}"]`)
    await until(() => expect(row(conflicted.caseNo).find('[data-testid="row-conflict"]').exists()).toBe(true))
    expect(row(conflicted.caseNo).find('[data-testid="row-conflict"]').text()).toBe(zhCN.conflict.listMarker)
    expect(row(CASES[1]!.caseNo).find('[data-testid="row-conflict"]').exists()).toBe(false)
  })
})
