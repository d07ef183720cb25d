import 'fake-indexeddb/auto'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DeviceSession } from '../../src/db/database'
import { db } from '../../src/db/db'
import type { ServiceCalendar } from '../../src/domain'
import { i18n } from '../../src/i18n'
import AdminCalendarPage from '../../src/pages/AdminCalendarPage.vue'
import { useSessionStore } from '../../src/stores/session'
import { ITEMS, SESSION, resetDb, setUpApp, until } from './support/fixtures'

const ADMIN: DeviceSession = { ...SESSION, userId: 'u-admin', user: { id: 'u-admin', username: 'admin', name: '管理员', role: 'admin', centerId: 'c-ord' } }
const CALENDAR: ServiceCalendar = {
  slotMinutes: 30, closedDates: ['2026-02-16'], holiday: [],
  weekday: { open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30', continuous: true }, capacity: 4 },
  weekend: [{ days: ['sat', 'sun'], start: '09:00', end: '12:00', itemIds: ['item-id-card'], capacity: 10 }],
}

interface Call { method: string, path: string, body: unknown }
let calls: Call[]
let saveAnswer: { status: number, body: unknown }
let wrapper: VueWrapper

beforeEach(async () => {
  await resetDb()
  await db.serviceItems.bulkPut(ITEMS)
  calls = []
  vi.stubGlobal('fetch', vi.fn(async (path: string, init: RequestInit) => {
    const method = init.method ?? 'GET'
    calls.push({ method, path, body: init.body ? JSON.parse(String(init.body)) : undefined })
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
    if (path === '/api/centers') return json(200, { centers: [SESSION.center, { id: 'c-lzx', code: 'LZX', name: '兰州新区政务服务中心', nameEn: 'Lanzhou' }] })
    if (path.endsWith('/calendar') && method === 'GET') return json(200, { centerId: 'c-ord', version: 1, updatedAt: null, calendar: CALENDAR })
    if (path.endsWith('/calendar')) return json(saveAnswer.status, saveAnswer.body)
    if (path.startsWith('/api/holidays/')) return json(200, { year: 2026, days: [{ date: '2026-10-01', kind: 'holiday', name: 'nationalDay' }] })
    return json(404, { message: 'no' })
  }))
  const { pinia, router } = await setUpApp('/admin/calendar', [{ path: '/admin/calendar', component: AdminCalendarPage }])
  useSessionStore().session = ADMIN
  wrapper = mount(AdminCalendarPage, { global: { plugins: [pinia, i18n, router] } })
  await until(() => expect(wrapper.find('input[name="weekend-0-end"], #cal-weekend-0-end').exists()).toBe(true))
})
afterEach(() => {
  wrapper.unmount()
  vi.unstubAllGlobals()
})

describe('the calendar editor', () => {
  it('shows the server\'s field errors under their fields and keeps what was typed; saves on the version read', async () => {
    expect(wrapper.findAll('[data-testid="calendar-center"] option').map(o => o.text())).toEqual(['鄂尔多斯市政务服务中心', '兰州新区政务服务中心'])
    await wrapper.find('#cal-weekend-0-end').setValue('08:30')
    await wrapper.find('#cal-closedDates').setValue('2026-02-16, 2026-02-30')
    saveAnswer = { status: 400, body: { error: 'BAD_REQUEST', message: 'x', fields: { 'weekend.0.end': 'calendar.order', 'closedDates.1': 'calendar.date' } } }
    await wrapper.find('[data-testid="calendar-save"]').trigger('submit')
    await until(() => expect(wrapper.find('[data-testid="calendar-invalid"]').exists()).toBe(true))

    const put = calls.find(c => c.method === 'PUT')!
    expect(put.path).toBe('/api/centers/c-ord/calendar')
    expect(put.body).toMatchObject({ baseVersion: 1, calendar: { closedDates: ['2026-02-16', '2026-02-30'], weekend: [{ end: '08:30' }] } })
    const endField = wrapper.find('#cal-weekend-0-end')
    expect((endField.element as HTMLInputElement).value).toBe('08:30')
    expect(endField.attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('#cal-weekend-0-end-error').text()).toBe('结束时间须晚于开始时间。')
    expect(wrapper.find('#cal-closedDates-error').text()).toContain('YYYY-MM-DD')
    expect((wrapper.find('#cal-closedDates').element as HTMLInputElement).value).toBe('2026-02-16, 2026-02-30')

    await wrapper.find('#cal-weekend-0-end').setValue('12:00')
    saveAnswer = { status: 200, body: { centerId: 'c-ord', version: 2, updatedAt: '2026-11-28T01:00:00.000Z', calendar: CALENDAR } }
    await wrapper.find('[data-testid="calendar-save"]').trigger('submit')
    await until(() => expect(wrapper.find('[data-testid="calendar-saved"]').text()).toContain('版本 2'))
    expect(wrapper.find('#cal-weekend-0-end-error').exists()).toBe(false)
  })

  it('says a stale save was overtaken, keeping the input', async () => {
    await wrapper.find('#cal-capacity').setValue('6')
    saveAnswer = { status: 409, body: { error: 'CONFLICT', reason: 'calendar.stale', message: 'x' } }
    await wrapper.find('[data-testid="calendar-save"]').trigger('submit')
    await until(() => expect(wrapper.find('[data-testid="calendar-stale"]').exists()).toBe(true))
    expect((wrapper.find('#cal-capacity').element as HTMLInputElement).value).toBe('6')
    await flushPromises()
  })
})
