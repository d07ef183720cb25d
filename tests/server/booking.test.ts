import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BookingSummary, FieldErrorBody, PublicDay, PublicItem, PublicSlot } from '../../src/domain/booking'
import { addDays, centerClock, type HolidayEntry, type ServiceCalendar } from '../../src/domain'
import type { ServiceItem } from '../../src/domain/service-item'
import en from '../../src/booking/i18n/en'
import zhCN from '../../src/booking/i18n/zh-CN'
import { LIMITS } from '../../server/http/limits'
import { type Session, type TestServer, catalogue, countRows, login, request, requestFrom, residentId, startServer } from './helpers'

/**
 * The public booking API over real HTTP. Every citizen comes from an address of their own on the
 * loopback network (127.0.0.x), as people on different phones would, so the per-address rate limit
 * is tested where meant and stays out of the way elsewhere.
 */
const from = <T = unknown>(address: string, server: { url: string }, method: string, path: string, json?: unknown) =>
  requestFrom<T>(address, server, method, path, { json })

/** The booking page has words for every key the API answers with, in both languages. */
function expectTranslated(fields: Record<string, string | undefined> | undefined, reason?: string) {
  const keys = [...Object.values(fields ?? {}), ...(reason ? [reason] : [])]
  for (const messages of [zhCN, en]) {
    for (const key of keys) {
      const text = key!.split('.').reduce<unknown>((tree, part) => (tree as Record<string, unknown> | undefined)?.[part], messages.field)
      expect(typeof text, `field.${key}`).toBe('string')
    }
  }
}

let server: TestServer
let admin: Session
let ord: string
let lzx: string
/** Offered in every session of the test calendar; `weekdayOnly` only on working days. */
let everywhere: ServiceItem
let weekdayOnly: ServiceItem
let nextAddress = 10
const citizen = () => `127.0.0.${nextAddress++}`
/** Two days ahead: always in the booking window and never started. */
let soon: string
/** Three days ahead, made a public holiday for these tests. */
let holiday: string

const sessionAllDay = (itemIds: string[]) => ({ start: '09:00', end: '12:00', itemIds, capacity: 10 })

async function putCalendar(centerId: string, calendar: ServiceCalendar) {
  const current = await request<{ version: number }>(server, 'GET', `/api/centers/${centerId}/calendar`, { token: admin.token })
  const saved = await request(server, 'PUT', `/api/centers/${centerId}/calendar`, { token: admin.token, json: { baseVersion: current.body.version, calendar } })
  expect(saved.status).toBe(200)
}

/** Serves `itemId` 09:00–12:00 on every kind of day, 10 places a slot. */
const everyDay = (itemId: string): ServiceCalendar => ({
  slotMinutes: 30, closedDates: [],
  weekday: { open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30', continuous: true }, capacity: 10 },
  weekend: [{ days: ['sat', 'sun'], ...sessionAllDay([itemId]) }],
  holiday: [sessionAllDay([itemId])],
})

async function makeHoliday(date: string) {
  const year = date.slice(0, 4)
  const { body } = await request<{ days: HolidayEntry[] }>(server, 'GET', `/api/holidays/${year}`, { token: admin.token })
  const days = [...body.days.filter(d => d.date !== date), { date, kind: 'holiday', name: 'test' }]
  expect((await request(server, 'PUT', `/api/holidays/${year}`, { token: admin.token, json: { days } })).status).toBe(200)
}

/** A mobile number of citizen n: 139 and eight digits. */
const mobileOf = (n: number) => `139${String(n).padStart(8, '0')}`

const booking = (fields: Record<string, unknown> = {}, n = nextAddress) => ({
  centerId: ord, itemId: everywhere.id, date: soon, slotStart: '09:00',
  name: '王秀英', mobile: mobileOf(n), idNumber: residentId(n), consent: true, ...fields,
})

beforeAll(async () => {
  server = await startServer()
  admin = await login(server, 'admin')
  const centers = await request<{ centers: { id: string, code: string }[] }>(server, 'GET', '/api/public/centers')
  ord = centers.body.centers.find(c => c.code === 'ORD')!.id
  lzx = centers.body.centers.find(c => c.code === 'LZX')!.id
  const items = await catalogue(server, admin)
  everywhere = items.find(i => i.code === 'SI-001')!
  weekdayOnly = items.find(i => i.code === 'SI-010')!
  const today = centerClock(new Date()).date
  soon = addDays(today, 2)
  holiday = addDays(today, 3)
  // ORD serves `everywhere` 09:00–12:00 on every kind of day, 10 places a slot; LZX only on working days.
  await putCalendar(ord, everyDay(everywhere.id))
  await putCalendar(lzx, {
    slotMinutes: 30, closedDates: [], weekend: [], holiday: [],
    weekday: { open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30', continuous: false }, capacity: 2 },
  })
  await makeHoliday(holiday)
})
afterAll(() => server.close())

describe('public booking', () => {
  it('lists the centres that take bookings, their items, days and slots, without signing in', async () => {
    const centers = await request<{ today: string, daysAhead: number, centers: { code: string }[] }>(server, 'GET', '/api/public/centers')
    expect(centers.body.centers.map(c => c.code)).toEqual(['HNS', 'JCS', 'LZX', 'ORD'])
    expect(centers.body).toMatchObject({ today: centerClock(new Date()).date, daysAhead: 14 })

    const onHoliday = await request<{ items: PublicItem[] }>(server, 'GET', `/api/public/centers/${ord}/items?date=${holiday}`)
    expect(onHoliday.body.items.map(i => i.code)).toEqual(['SI-001'])
    const days = await request<{ days: PublicDay[] }>(server, 'GET', `/api/public/centers/${ord}/days?item=${weekdayOnly.id}`)
    expect(days.body.days).toHaveLength(14)
    expect(days.body.days.find(d => d.date === holiday)).toEqual({ date: holiday, kinds: ['holiday'], holiday: 'test', slots: 0, remaining: 0 })

    const slots = await request<{ slots: PublicSlot[] }>(server, 'GET', `/api/public/centers/${lzx}/slots?date=${soon}&item=${weekdayOnly.id}`)
    const first = slots.body.slots[0]
    if (first) expect(Object.keys(first).sort()).toEqual(['end', 'kind', 'remaining', 'start'])
  })

  it('takes exactly the capacity of a slot when 50 people book it at once; the other 40 hear it is full', async () => {
    const attempts = Array.from({ length: 50 }, (_, i) => {
      const address = citizen()
      return from<{ code?: string } & FieldErrorBody>(address, server, 'POST', '/api/public/bookings', booking({ idNumber: residentId(100 + i), mobile: mobileOf(100 + i) }))
    })
    const answers = await Promise.all(attempts)
    const booked = answers.filter(a => a.status === 201)
    const full = answers.filter(a => a.status === 409)
    expect(booked).toHaveLength(10)
    expect(full).toHaveLength(40)
    for (const answer of full) expect(answer.body).toMatchObject({ error: 'FULL', reason: 'booking.full', message: expect.stringMatching(/fully booked/) })
    expectTranslated({}, 'booking.full')
    expect(new Set(booked.map(a => a.body.code)).size).toBe(10)
    expect(countRows(server, 'bookings', 'center_id = ? and date = ? and slot_start = ?', ord, soon, '09:00')).toBe(10)

    const slots = await request<{ slots: PublicSlot[] }>(server, 'GET', `/api/public/centers/${ord}/slots?date=${soon}&item=${everywhere.id}`)
    expect(slots.body.slots.find(s => s.start === '09:00')?.remaining).toBe(0)
    expect(slots.body.slots.find(s => s.start === '09:30')?.remaining).toBe(10)
  })

  it('answers invalid input with 400 naming each bad field by its message key', async () => {
    const bad = await from<FieldErrorBody>(citizen(), server, 'POST', '/api/public/bookings',
      booking({ name: ' ', mobile: '1391234567', idNumber: '110105194912310021', date: '2026-02-30', slotStart: '9:00' }))
    expect(bad.status).toBe(400)
    expect(bad.body.fields).toEqual({
      name: 'required', mobile: 'mobile.format', idNumber: 'residentId.checksum', date: 'booking.date', slotStart: 'booking.slot',
    })
    expect(JSON.stringify(bad.body)).not.toContain('110105194912310021')
    expectTranslated(bad.body.fields)

    const empty = await from<FieldErrorBody>(citizen(), server, 'POST', '/api/public/bookings', {})
    expect(empty.body.fields).toEqual({
      centerId: 'required', itemId: 'required', date: 'required', slotStart: 'required', name: 'required', mobile: 'required', idNumber: 'required',
      consent: 'booking.consent',
    })
    expectTranslated(empty.body.fields)
  })

  it.each([
    ['an item the holiday session does not offer', () => booking({ date: holiday, itemId: weekdayOnly.id }), { itemId: 'booking.itemNotOffered' }],
    ['a public holiday at a centre without holiday sessions', () => booking({ centerId: lzx, date: holiday, itemId: weekdayOnly.id }), { date: 'booking.closed' }],
    ['a day beyond the booking window', () => booking({ date: addDays(soon, 30) }), { date: 'booking.window' }],
    ['a slot the day does not have', () => booking({ slotStart: '09:10' }), { slotStart: 'booking.slot' }],
    ['a centre that takes no bookings', () => booking({ centerId: 'nowhere' }), { centerId: 'booking.center' }],
    ['a booking without the consent tick', () => booking({ consent: false }), { consent: 'booking.consent' }],
    ['a consent that is not a tick', () => booking({ consent: 'yes' }), { consent: 'booking.consent' }],
  ])('refuses %s', async (_what, body, fields) => {
    const answer = await from<FieldErrorBody>(citizen(), server, 'POST', '/api/public/bookings', body())
    expect(answer.status).toBe(400)
    expect(answer.body.fields).toEqual(fields)
    expectTranslated(answer.body.fields)
  })

  it('shows and cancels a booking only for its code and mobile together', async () => {
    const me = citizen()
    const made = await from<{ code: string, summary: BookingSummary }>(me, server, 'POST', '/api/public/bookings',
      booking({ slotStart: '10:00', mobile: '139 0477 1234', idNumber: residentId(7) }))
    expect(made.status).toBe(201)
    const { code, summary } = made.body
    expect(code).toMatch(/^[A-Z2-9]{8}$/)
    expect(summary).toMatchObject({ status: 'booked', date: soon, slotStart: '10:00', slotEnd: '10:30', name: '王*英', mobile: '139****1234' })
    expect(JSON.stringify(made.body)).not.toContain(residentId(7))

    const other = citizen()
    const looked = await from<{ summary: BookingSummary }>(other, server, 'GET', `/api/public/bookings/${code.toLowerCase()}?mobile=13904771234`)
    expect(looked.status).toBe(200)
    expect(looked.body.summary.code).toBe(code)

    const wrongMobile = await from(other, server, 'GET', `/api/public/bookings/${code}?mobile=13904771235`)
    const noSuchCode = await from(other, server, 'GET', `/api/public/bookings/${code === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA'}?mobile=13904771234`)
    expect(wrongMobile.status).toBe(404)
    expect(wrongMobile.body).toEqual(noSuchCode.body)
    expect((await from(other, server, 'GET', `/api/public/bookings/${code}`)).status).toBe(404)

    expect((await from(other, server, 'POST', `/api/public/bookings/${code}/cancel`, { mobile: '13904771235' })).status).toBe(404)
    expect(countRows(server, 'bookings', 'code = ? and status = \'booked\'', code)).toBe(1)
    const cancelled = await from<{ summary: BookingSummary }>(other, server, 'POST', `/api/public/bookings/${code}/cancel`, { mobile: '13904771234' })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.summary.status).toBe('cancelled')
    const again = await from<{ summary: BookingSummary }>(other, server, 'POST', `/api/public/bookings/${code}/cancel`, { mobile: '13904771234' })
    expect(again.body.summary.status).toBe('cancelled')
  })

  it('books exactly one of 20 parallel bookings of the same person for one day at one centre; the rest hear why, under the ID number', async () => {
    const person = { idNumber: residentId(901), name: '赵磊' }
    const slots = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => from<FieldErrorBody>(citizen(), server, 'POST', '/api/public/bookings',
      booking({ ...person, date: holiday, slotStart: slots[i % slots.length], mobile: mobileOf(2000 + i) }))))
    expect(answers.filter(a => a.status === 201)).toHaveLength(1)
    const refused = answers.filter(a => a.status !== 201)
    expect(refused).toHaveLength(19)
    for (const answer of refused) {
      expect(answer.status).toBe(409)
      expect(answer.body).toMatchObject({ error: 'CONFLICT', fields: { idNumber: 'booking.idNumberBooked' }, message: expect.stringMatching(/already has a booking/) })
    }
    expectTranslated({ idNumber: 'booking.idNumberBooked' }, 'booking.personLimit')
    expect(countRows(server, 'bookings', 'id_number = ? and status = \'booked\'', person.idNumber)).toBe(1)
    // The same person may book another day, or another centre the same day.
    expect((await from(citizen(), server, 'POST', '/api/public/bookings', booking({ ...person, date: soon, slotStart: '11:30', mobile: mobileOf(2100) }))).status).toBe(201)
  })

  it('allows a mobile number 3 active bookings in any 7 days, counted inside the booking\'s transaction', async () => {
    const mobile = mobileOf(3000)
    const bookFor = (n: number, date: string) =>
      from<FieldErrorBody & { code: string }>(citizen(), server, 'POST', '/api/public/bookings', booking({ mobile, idNumber: residentId(3000 + n), date, slotStart: '10:30' }))
    // 5 parallel bookings of one mobile number for one day (a family, or a script): 3 get through.
    const answers = await Promise.all([0, 1, 2, 3, 4].map(n => bookFor(n, soon)))
    expect(answers.filter(a => a.status === 201)).toHaveLength(3)
    const refused = answers.filter(a => a.status !== 201)
    for (const answer of refused) {
      expect(answer.status).toBe(409)
      expect(answer.body.fields).toEqual({ mobile: 'booking.mobileLimit' })
    }
    expectTranslated({ mobile: 'booking.mobileLimit' })
    // Six days later is in a 7-day span with them; seven days later is not.
    expect((await bookFor(5, addDays(soon, 6))).body.fields).toEqual({ mobile: 'booking.mobileLimit' })
    expect((await bookFor(6, addDays(soon, 7))).status).toBe(201)
    // Cancelling one frees its place.
    const first = answers.find(a => a.status === 201)!
    expect((await from(citizen(), server, 'POST', `/api/public/bookings/${first.body.code}/cancel`, { mobile })).status).toBe(200)
    expect((await bookFor(answers.indexOf(refused[0]!), soon)).status).toBe(201)
  })

  it('limits bookings per address with 429 and Retry-After', async () => {
    const me = citizen()
    for (let i = 0; i < LIMITS.booking.perAddress.max; i++) {
      expect((await from(me, server, 'POST', '/api/public/bookings', {})).status).toBe(400)
    }
    const limited = await from<FieldErrorBody>(me, server, 'POST', '/api/public/bookings', booking())
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // Someone else, on another address, is not held up.
    expect((await from(citizen(), server, 'POST', '/api/public/bookings', {})).status).toBe(400)
  })

  it('limits lookups and cancellations per address, together', async () => {
    const me = citizen()
    for (let i = 0; i < LIMITS.booking.lookupsPerAddress.max - 1; i++) {
      expect((await from(me, server, 'GET', `/api/public/bookings/AAAAAAAA?mobile=1390000${String(i).padStart(4, '0')}`)).status).toBe(404)
    }
    expect((await from(me, server, 'POST', '/api/public/bookings/AAAAAAAA/cancel', { mobile: '13900000000' })).status).toBe(404)
    const limited = await from(me, server, 'GET', '/api/public/bookings/AAAAAAAA?mobile=13900000000')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})

describe('the booking page at /book/', () => {
  const PAGE = '<!doctype html><title>booking test page</title>'
  const html = { accept: 'text/html' }
  let site: TestServer
  let unbuilt: TestServer
  let dist: string

  beforeAll(async () => {
    // The shape `npm run build` makes: the staff app in dist/, the booking page in dist/booking/.
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'shiftdesk-dist-'))
    fs.mkdirSync(path.join(dist, 'booking', 'assets'), { recursive: true })
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>staff shell</title>')
    fs.writeFileSync(path.join(dist, 'booking', 'index.html'), PAGE)
    fs.writeFileSync(path.join(dist, 'booking', 'assets', 'index-AbC123.js'), 'console.info("book")')
    site = await startServer({ demo: false, distDir: dist })
    unbuilt = await startServer({ demo: false, distDir: path.join(dist, 'missing') })
  })
  afterAll(async () => {
    await site.close()
    await unbuilt.close()
    fs.rmSync(dist, { recursive: true, force: true })
  })

  it('serves the page with its own narrow CSP, revalidated, and its hashed assets for a year', async () => {
    const page = await request(site, 'GET', '/book/', { headers: html })
    expect(page.status).toBe(200)
    expect(page.body).toBe(PAGE)
    const csp = page.headers.get('content-security-policy')
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("connect-src 'self'")
    expect(csp).not.toMatch(/unsafe|worker-src|manifest-src/)
    expect(page.headers.get('cache-control')).toBe('no-cache')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    const asset = await request(site, 'GET', '/book/assets/index-AbC123.js')
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('never answers a path under /book/ with the staff app', async () => {
    const missing = await request(site, 'GET', '/book/cases/1', { headers: html })
    expect(missing.status).toBe(404)
    expect(missing.body).not.toContain('staff shell')
    expect((await request(unbuilt, 'GET', '/book/', { headers: html })).status).toBe(503)
    const typed = await fetch(`${site.url}/book`, { redirect: 'manual' })
    expect([typed.status, typed.headers.get('location')]).toEqual([301, '/book/'])
    const sideDoor = await fetch(`${site.url}/booking/index.html`, { redirect: 'manual' })
    expect([sideDoor.status, sideDoor.headers.get('location')]).toEqual([301, '/book/'])
  })
})
