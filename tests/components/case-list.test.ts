import 'fake-indexeddb/auto'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
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

afterEach(() => {
  wrapper?.unmount()
  vi.useRealTimers()
})

/** The list searches once typing pauses this long (CaseListPage). */
const SEARCH_PAUSE_MS = 250

/** Mounts the list and waits for its rows: all three cases, or (with `many`) a screenful of them. */
async function mountList(many = false) {
  const { pinia, router } = await setUpApp('/', [{ path: '/', component: CaseListPage }])
  wrapper = mount(CaseListPage, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await until(() => expect(wrapper.findAll('[data-testid="case-row"]').length).toBe(many ? screenRows() : 3))
  return router
}

/** Rows the list renders for the window's height: those on screen and 4 more below (row height 77 px). */
const screenRows = () => Math.ceil(window.innerHeight / 77) + 4

/** `count` more cases, one a minute before the three above, newest first by number (MANY-0001 newest). */
async function addMany(count: number) {
  const start = Date.parse('2026-11-27T00:00:00.000Z')
  await db.cases.bulkPut(Array.from({ length: count }, (_, i) => caseRecord({
    id: `0190b000-0000-7000-8000-${String(i).padStart(12, '0')}`, caseNo: `ORD-20261127-MANY0-${String(i + 1).padStart(4, '0')}`,
    applicantName: i % 2 ? '赵六' : '钱七', status: i % 3 ? 'completed' : 'received', receivedAt: new Date(start - i * 60_000).toISOString(),
  })))
}

const caseNos = () => wrapper.findAll('[data-testid="case-row"]').map(row => row.attributes('data-case-no'))
const rowItem = (caseNo: string) => wrapper.find(`[data-testid="case-row"][data-case-no="${caseNo}"]`).element.parentElement!

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
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await wrapper.find('input[type="search"]').setValue('李')
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS - 1)
    await flushPromises()
    expect(wrapper.findAll('[data-testid="case-row"]')).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(1)
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

  it('keeps only the rows on screen in the page, each placed and counted for screen readers', async () => {
    await addMany(500)
    await mountList(true)
    await until(() => expect(wrapper.find('[data-testid="list-range"]').text()).toContain('共 503 条'))
    const list = wrapper.find('[data-testid="case-rows"]')
    expect(list.attributes('role')).toBe('list')
    expect(list.attributes('style')).toContain(`height: ${503 * 77}px`)
    const items = wrapper.findAll('li[aria-posinset]')
    expect(items.length).toBeLessThan(30)
    expect(items.map(item => item.attributes('aria-posinset'))).toEqual(items.map((_, i) => String(i + 1)))
    expect(items.every(item => item.attributes('aria-setsize') === '503')).toBe(true)
    expect(items[1]!.attributes('style')).toContain('translateY(77px)')
    expect(caseNos().slice(0, 4)).toEqual(['ORD-20261128-K7Q2X-0003', 'ORD-20261128-K7Q2X-0002', 'ORD-20261128-K7Q2X-0001', 'ORD-20261127-MANY0-0001'])
  })

  it('moves between rows with the keyboard, one row in the tab order, reading far rows as it goes', async () => {
    await addMany(500)
    await mountList(true)
    await until(() => expect(wrapper.find('[data-testid="list-range"]').text()).toContain('共 503 条'))
    const tabbable = () => wrapper.findAll('[data-testid="case-row"], [data-testid="case-row-placeholder"]').filter(row => row.attributes('tabindex') === '0')
    expect(tabbable().map(row => row.attributes('data-case-no'))).toEqual(['ORD-20261128-K7Q2X-0003'])

    const first = wrapper.find('[data-testid="case-row"]')
    ;(first.element as HTMLElement).focus()
    await first.trigger('keydown', { key: 'ArrowDown' })
    await until(() => expect(document.activeElement?.getAttribute('data-case-no')).toBe('ORD-20261128-K7Q2X-0002'))
    expect(tabbable().map(row => row.attributes('data-case-no'))).toEqual(['ORD-20261128-K7Q2X-0002'])

    // The last of 503 rows is far past the cases read so far: it is read from a checkpoint.
    await wrapper.find('[data-testid="case-rows"]').trigger('keydown', { key: 'End' })
    await until(() => expect(document.activeElement?.getAttribute('data-case-no')).toBe('ORD-20261127-MANY0-0500'))
    expect(rowItem('ORD-20261127-MANY0-0500').getAttribute('aria-posinset')).toBe('503')
    expect(rowItem('ORD-20261127-MANY0-0499').getAttribute('aria-posinset')).toBe('502')

    await wrapper.find('[data-testid="case-rows"]').trigger('keydown', { key: 'Home' })
    await until(() => expect(document.activeElement?.getAttribute('data-case-no')).toBe('ORD-20261128-K7Q2X-0003'))
  })

  it('answers a search as it is typed, showing only the answer to what is typed last', async () => {
    await addMany(500)
    await mountList(true)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const search = wrapper.find('input[type="search"]')
    await search.setValue('赵')
    await search.setValue('李')
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS)
    await until(() => expect(caseNos()).toEqual(['ORD-20261128-K7Q2X-0002']))
    await search.setValue('赵')
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS)
    await until(() => expect(caseNos()[0]).toBe('ORD-20261127-MANY0-0002'))
    expect(wrapper.findAll('[data-testid="case-row"]').every(row => row.text().includes('赵六'))).toBe(true)
    await search.setValue('')
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS)
    await until(() => expect(caseNos()[0]).toBe('ORD-20261128-K7Q2X-0003'))
  })
})
