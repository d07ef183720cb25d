import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FieldErrorBody } from '../../src/domain/booking'
import type { HolidayEntry, ServiceCalendar } from '../../src/domain'
import type { StoredCalendar } from '../../src/domain/api/calendar-routes'
import { type Session, type TestServer, countRows, login, request, startServer } from './helpers'

/** Calendars and the official holidays over real HTTP: who may read and change them, and what is refused. */
let server: TestServer
const sessions: Record<string, Session> = {}
let ord: string
let lzx: string

beforeAll(async () => {
  server = await startServer()
  for (const username of ['admin', 'ord-clerk1', 'ord-outreach', 'ord-super', 'lzx-super']) sessions[username] = await login(server, username)
  ord = sessions['ord-super']!.center.id
  lzx = sessions['lzx-super']!.center.id
})
afterAll(() => server.close())

const calendarOf = (username: string, centerId: string) =>
  request<StoredCalendar>(server, 'GET', `/api/centers/${centerId}/calendar`, { token: sessions[username]?.token })
const save = (username: string, centerId: string, body: unknown) =>
  request<StoredCalendar & FieldErrorBody>(server, 'PUT', `/api/centers/${centerId}/calendar`, { token: sessions[username]!.token, json: body })

describe('centre calendars', () => {
  it.each([
    ['admin', 'ord', 200], ['admin', 'lzx', 200], ['ord-super', 'ord', 200], ['ord-super', 'lzx', 403],
    ['ord-clerk1', 'ord', 200], ['ord-outreach', 'ord', 200], ['ord-clerk1', 'lzx', 403], ['nobody', 'ord', 401],
  ])('%s reading %s’s calendar → %i', async (username, centre, status) => {
    const answer = await calendarOf(username, centre === 'ord' ? ord : lzx)
    expect(answer.status).toBe(status)
    if (status === 200) expect(answer.body).toMatchObject({ version: 1, calendar: { slotMinutes: 30 } })
  })

  it('lists every centre to an admin (the calendar editor), only their own to anyone else', async () => {
    const list = async (username: string) =>
      (await request<{ centers: { id: string, code: string }[] }>(server, 'GET', '/api/centers', { token: sessions[username]!.token })).body.centers
    expect((await list('admin')).map(c => c.code)).toEqual(['HNS', 'JCS', 'LZX', 'ORD'])
    expect((await list('ord-clerk1')).map(c => c.id)).toEqual([ord])
    expect((await request(server, 'GET', '/api/centers')).status).toBe(401)
  })

  it('lets only an admin save, over the version read', async () => {
    const { body: current } = await calendarOf('admin', lzx)
    const calendar: ServiceCalendar = { ...current.calendar, closedDates: ['2026-12-31'] }
    expect((await save('lzx-super', lzx, { baseVersion: 1, calendar })).status).toBe(403)
    expect((await save('ord-clerk1', lzx, { baseVersion: 1, calendar })).status).toBe(403)

    const saved = await save('admin', lzx, { baseVersion: 1, calendar })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ centerId: lzx, version: 2, calendar: { closedDates: ['2026-12-31'] } })
    expect((await calendarOf('lzx-super', lzx)).body.version).toBe(2)

    const stale = await save('admin', lzx, { baseVersion: 1, calendar })
    expect(stale.status).toBe(409)
    expect(stale.body).toMatchObject({ error: 'CONFLICT', reason: 'calendar.stale', current: { version: 2 } })
    expect((await save('admin', 'no-such-centre', { baseVersion: 0, calendar })).status).toBe(404)
  })

  it('refuses an invalid calendar with 400 naming each field', async () => {
    const { body: current } = await calendarOf('admin', ord)
    const calendar = structuredClone(current.calendar)
    calendar.weekday.close = '25:00'
    calendar.weekend[0]!.end = '08:00'
    calendar.holiday[0]!.itemIds = ['no-such-item']
    const answer = await save('admin', ord, { baseVersion: current.version, calendar })
    expect(answer.status).toBe(400)
    expect(answer.body.fields).toEqual({ 'calendar.weekday.close': 'calendar.time', 'calendar.weekend.0.end': 'calendar.order' })

    calendar.weekday.close = '17:00'
    calendar.weekend[0]!.end = '12:00'
    const unknownItem = await save('admin', ord, { baseVersion: current.version, calendar })
    expect(unknownItem.body.fields).toEqual({ 'calendar.holiday.0.itemIds': 'calendar.unknownItem' })
    expect((await save('admin', ord, { calendar: current.calendar })).body.fields).toEqual({ baseVersion: 'required' })
    expect((await calendarOf('admin', ord)).body.version).toBe(current.version)
  })
})

describe('the official calendar', () => {
  const year = (username: string, y: number) =>
    request<{ year: number, days: HolidayEntry[] }>(server, 'GET', `/api/holidays/${y}`, { token: sessions[username]?.token })

  it('is seeded with 2026 and readable by all staff', async () => {
    const answer = await year('ord-clerk1', 2026)
    expect(answer.status).toBe(200)
    expect(answer.body.days).toHaveLength(39)
    expect(answer.body.days.find(d => d.date === '2026-02-28')).toEqual({ date: '2026-02-28', kind: 'workday', name: 'springFestival' })
    expect((await year('nobody', 2026)).status).toBe(401)
    expect((await year('admin', 2027)).body.days).toEqual([])
  })

  it('lets only an admin replace a year, with every entry checked', async () => {
    const days: HolidayEntry[] = [{ date: '2027-01-01', kind: 'holiday', name: 'newYear' }, { date: '2027-01-09', kind: 'workday', name: 'newYear' }]
    const put = (username: string, body: unknown) => request<FieldErrorBody>(server, 'PUT', '/api/holidays/2027', { token: sessions[username]!.token, json: body })
    expect((await put('ord-super', { days })).status).toBe(403)
    const bad = await put('admin', { days: [...days, { date: '2027-01-05', kind: 'workday', name: 'x' }, { date: '2028-01-01', kind: 'holiday', name: 'x' }] })
    expect(bad.status).toBe(400)
    expect(bad.body.fields).toEqual({ 'days.2.date': 'holiday.workdayNotWeekend', 'days.3.date': 'holiday.otherYear' })
    expect((await put('admin', {})).body.fields).toEqual({ days: 'required' })
    expect((await put('admin', { days })).status).toBe(200)
    expect((await year('admin', 2027)).body.days).toEqual(days)
    expect(countRows(server, 'holidays', 'date like \'2026-%\'')).toBe(39)
  })
})
