import 'fake-indexeddb/auto'
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ApprovalArrivals from '../../src/components/approval/ApprovalArrivals.vue'
import type { DeviceSession } from '../../src/db/database'
import { db } from '../../src/db/db'
import { i18n } from '../../src/i18n'
import approvalsZhCN from '../../src/i18n/approvals.zh-CN'
import zhCN from '../../src/i18n/zh-CN'
import ApprovalQueuePage from '../../src/pages/ApprovalQueuePage.vue'
import { useApprovalStore } from '../../src/stores/approvals'
import { useSessionStore } from '../../src/stores/session'
import { ITEMS, SESSION, caseRecord, resetDb, setUpApp, until } from './support/fixtures'

vi.mock('../../src/sync/page/sync-scheduler', () => ({
  requestSync: vi.fn(async () => {}), requestSyncSoon: vi.fn(), syncInPage: vi.fn(async () => {}), startSyncScheduler: vi.fn(),
}))

const SUPERVISOR: DeviceSession = {
  ...SESSION, userId: 'u-super', user: { id: 'u-super', username: 'ord-super', name: '赵强', role: 'supervisor', centerId: 'c-ord' },
}
const APPROVAL = ITEMS[1]!
const URGENT = { ...APPROVAL, id: 'item-blast', code: 'GA-006', name: '爆破作业审批', urgent: true }

/** A case a clerk submitted for approval on `deviceId` at `at`, synced at `syncedAt`. */
function queued(n: number, opts: { at?: string, syncedAt?: string, deviceId?: string, item?: typeof APPROVAL, by?: string, clockSkewMs?: number } = {}) {
  const at = opts.at ?? `2026-11-28T01:${String(n % 60).padStart(2, '0')}:00.000Z`
  const entry = (kind: 'create' | 'submitForApproval', to: 'received' | 'pending_approval') => ({
    mutationId: `m-${kind}-${n}`, at: opts.syncedAt ?? at, clientAt: at, deviceId: opts.deviceId ?? 'device-clerk',
    actorId: opts.by ?? 'u-clerk1', actorName: '李娜', kind, to, ...(opts.clockSkewMs === undefined ? {} : { clockSkewMs: opts.clockSkewMs }),
  })
  const item = opts.item ?? APPROVAL
  return caseRecord({
    id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`, caseNo: `ORD-20261128-K7Q2X-${String(n).padStart(4, '0')}`,
    serviceItemId: item.id, serviceItemName: item.name, status: 'pending_approval', receivedAt: at, receivedBy: opts.by ?? 'u-clerk1',
    version: 2, history: [entry('create', 'received'), entry('submitForApproval', 'pending_approval')],
  })
}

let wrapper: VueWrapper

async function mountAsSupervisor(component: typeof ApprovalQueuePage | typeof ApprovalArrivals, path = '/approvals') {
  const { pinia, router } = await setUpApp(path, [{ path: '/approvals', name: 'approvals', component: ApprovalQueuePage }])
  useSessionStore().session = SUPERVISOR
  wrapper = mount(component, { global: { plugins: [pinia, i18n, router] } })
}

beforeEach(async () => {
  await resetDb()
  await db.serviceItems.bulkPut([...ITEMS, URGENT])
  await db.meta.put({ key: 'device', value: { deviceId: 'device-super', deviceTag: 'SUPER' } })
})

afterEach(async () => {
  wrapper?.unmount()
  // The store watches the database: stop it before the next test empties the database under it.
  // (Work it already started is done first: IndexedDB runs the next test's clear after it.)
  useApprovalStore().$dispose()
  vi.restoreAllMocks()
})

describe('approval queue', () => {
  it('lists urgent cases first, then the longest waiting, and marks those taken in offline', async () => {
    await db.cases.bulkPut([
      queued(1, { at: '2026-11-28T01:00:00.000Z' }),
      queued(2, { at: '2026-11-28T00:30:00.000Z', syncedAt: '2026-11-28T03:00:00.000Z' }),
      queued(3, { at: '2026-11-28T02:00:00.000Z', item: URGENT }),
      caseRecord({ id: '0190a000-0000-7000-8000-0000000000ff', caseNo: 'ORD-20261128-K7Q2X-0099', status: 'received' }),
    ])
    await mountAsSupervisor(ApprovalQueuePage)
    await until(() => expect(wrapper.findAll('[data-testid="queue-row"]')).toHaveLength(3))
    const rows = wrapper.findAll('[data-testid="queue-row"]')
    expect(rows.map(r => r.attributes('data-case-no'))).toEqual([
      'ORD-20261128-K7Q2X-0003', 'ORD-20261128-K7Q2X-0002', 'ORD-20261128-K7Q2X-0001',
    ])
    expect(rows[0]!.find('[data-testid="queue-urgent"]').text()).toBe(approvalsZhCN.approvals.urgent)
    expect(rows[1]!.find('[data-testid="queue-offline"]').text()).toBe(approvalsZhCN.approvals.cameOffline)
    expect(rows[2]!.find('[data-testid="queue-offline"]').exists()).toBe(false)
    expect(rows[1]!.find('[data-testid="queue-waited"]').text()).toMatch(/小时|天|分钟/)
  })

  it('orders by the device time the server vouches for: a tablet whose clock says 2020 does not jump the queue, and shows its skew', async () => {
    // Submitted at 01:10 by a tablet whose clock read 2020-01-01T00:00 then; the server measured the skew at the push.
    const skew = Date.parse('2020-01-01T00:00:00.000Z') - Date.parse('2026-11-28T01:10:00.000Z')
    await db.cases.bulkPut([
      queued(1, { at: '2026-11-28T01:00:00.000Z' }),
      { ...queued(2, { at: '2020-01-01T00:00:00.000Z', syncedAt: '2026-11-28T01:10:05.000Z', clockSkewMs: skew }), receivedAt: '2020-01-01T00:00:00.000Z' },
    ])
    await mountAsSupervisor(ApprovalQueuePage)
    await until(() => expect(wrapper.findAll('[data-testid="queue-row"]')).toHaveLength(2))
    const rows = wrapper.findAll('[data-testid="queue-row"]')
    expect(rows.map(r => r.attributes('data-case-no'))).toEqual(['ORD-20261128-K7Q2X-0001', 'ORD-20261128-K7Q2X-0002'])
    const minutes = Math.round(Math.abs(skew) / 60_000)
    expect(rows[1]!.find('[data-testid="queue-clock-skew"]').text()).toBe(`设备时钟偏差 约 ${minutes} 分钟`)
    expect(rows[0]!.find('[data-testid="queue-clock-skew"]').exists()).toBe(false)
    // Corrected, it arrived seconds after it was made: not offline.
    expect(rows[1]!.find('[data-testid="queue-offline"]').exists()).toBe(false)
  })

  it('approves 200 selected cases with one confirmed action, stored as 200 ordered outbox changes', async () => {
    await db.cases.bulkPut(Array.from({ length: 200 }, (_, i) => queued(i + 1)))
    await mountAsSupervisor(ApprovalQueuePage)
    await until(() => expect(wrapper.findAll('[data-testid="queue-row"]')).toHaveLength(200))
    await wrapper.find('[data-testid="queue-select-all"]').setValue(true)
    await until(() => expect(wrapper.find('[data-testid="queue-approve-selected"]').text()).toContain('200'))
    await wrapper.find('[data-testid="queue-approve-selected"]').trigger('click')
    // A second tap confirms: 200 decisions are not made by a slip of the finger.
    expect(await db.outbox.count()).toBe(0)
    await wrapper.find('[data-testid="queue-approve-confirm"]').trigger('click')
    await until(async () => expect(await db.outbox.count()).toBe(200), 10_000)
    const entries = await db.outbox.orderBy('seq').toArray()
    expect(new Set(entries.map(e => e.entityId)).size).toBe(200)
    expect(entries.every(e => e.mutation.op === 'case.transition' && e.mutation.payload.action === 'approve' && e.actorId === 'u-super')).toBe(true)
    expect(await db.cases.where('status').equals('approved').count()).toBe(200)
    await until(() => expect(wrapper.find('[data-testid="queue-empty"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="queue-done"]').text()).toContain('200')
  }, 30_000)

  it('returns a case with a required comment and keeps the typed comment when it is missing', async () => {
    await db.cases.put(queued(7))
    await mountAsSupervisor(ApprovalQueuePage)
    await until(() => expect(wrapper.findAll('[data-testid="queue-row"]')).toHaveLength(1))
    await wrapper.find('[data-testid="queue-return"]').trigger('click')
    await wrapper.find('[data-testid="queue-note-confirm"]').trigger('click')
    expect(wrapper.find('#queue-note-error').text()).toBe(zhCN.field.required)
    await wrapper.find('#queue-note').setValue('缺少残疾评定表原件')
    await wrapper.find('[data-testid="queue-note-confirm"]').trigger('click')
    await until(async () => expect((await db.cases.get(queued(7).id))?.status).toBe('returned'))
    expect((await db.cases.get(queued(7).id))?.statusNote).toBe('缺少残疾评定表原件')
  })

  it('offers no decision on a case the supervisor took in (separation of duties)', async () => {
    await db.cases.bulkPut([queued(1), queued(2, { by: 'u-super' })])
    await mountAsSupervisor(ApprovalQueuePage)
    await until(() => expect(wrapper.findAll('[data-testid="queue-row"]')).toHaveLength(2))
    const own = wrapper.findAll('[data-testid="queue-row"]').find(r => r.attributes('data-case-no')?.endsWith('0002'))!
    for (const action of ['approve', 'return', 'decline']) expect(own.find(`[data-testid="queue-${action}"]`).exists()).toBe(false)
    expect(own.find('[data-testid="queue-blocked"]').text()).toBe(approvalsZhCN.approvals.ownCase)
    expect(own.find('[data-testid="queue-select"]').attributes('disabled')).toBeDefined()
    await wrapper.find('[data-testid="queue-select-all"]').setValue(true)
    await until(() => expect(wrapper.find('[data-testid="queue-approve-selected"]').text()).toContain('1'))
  })

  it('offers decisions only on items of the supervisor’s approval departments', async () => {
    const URGENT_OTHER = { ...URGENT, id: 'item-other', code: 'XX-001', department: '市场监督管理局' }
    await db.serviceItems.put(URGENT_OTHER)
    await db.cases.bulkPut([queued(1), queued(2, { item: URGENT_OTHER })])
    const { pinia, router } = await setUpApp('/approvals', [{ path: '/approvals', name: 'approvals', component: ApprovalQueuePage }])
    useSessionStore().session = { ...SUPERVISOR, user: { ...SUPERVISOR.user, departments: [APPROVAL.department] } }
    wrapper = mount(ApprovalQueuePage, { global: { plugins: [pinia, i18n, router] } })
    await until(() => expect(wrapper.findAll('[data-testid="queue-row"]')).toHaveLength(2))
    const row = (n: string) => wrapper.findAll('[data-testid="queue-row"]').find(r => r.attributes('data-case-no')?.endsWith(n))!
    await until(() => expect(row('0002').find('[data-testid="queue-blocked"]').exists()).toBe(true))
    for (const action of ['approve', 'return', 'decline']) {
      expect(row('0002').find(`[data-testid="queue-${action}"]`).exists()).toBe(false)
      expect(row('0001').find(`[data-testid="queue-${action}"]`).exists()).toBe(true)
    }
    expect(row('0002').find('[data-testid="queue-blocked"]').text()).toBe(approvalsZhCN.approvals.otherDepartment)
  })
})

describe('approval arrivals', () => {
  it('tells the supervisor what a sync brought: "n cases arrived from m devices", not what was already there', async () => {
    await db.cases.put(queued(1))
    await mountAsSupervisor(ApprovalArrivals, '/')
    // What the device's first complete sync brings is the starting point, not news: the store has
    // read the queue, and with no complete sync yet it marks nothing as seen.
    await until(() => expect(useApprovalStore().queue).toHaveLength(1))
    expect(await db.meta.get('approvalSeen:u-super')).toBeUndefined()
    await db.meta.put({ key: 'pulledUpTo', value: '2026-11-28T01:00:00.000Z' })
    await until(async () => expect(await db.meta.get('approvalSeen:u-super')).toBeDefined())
    expect(wrapper.find('[data-testid="arrivals"]').exists()).toBe(false)
    // A pull brings three cases from two clerks' devices, and one the supervisor submitted here.
    await db.cases.bulkPut([queued(2, { deviceId: 'tablet-a' }), queued(3, { deviceId: 'tablet-b' }), queued(4, { deviceId: 'tablet-b' }),
      queued(5, { deviceId: 'device-super' })])
    await until(() => expect(wrapper.find('[data-testid="arrivals"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="arrivals"]').text()).toContain('3 件待审批办件已到达（来自 2 台设备）')
    await wrapper.find('[data-testid="arrivals-dismiss"]').trigger('click')
    await until(() => expect(wrapper.find('[data-testid="arrivals"]').exists()).toBe(false))
  })
})
