import 'fake-indexeddb/auto'
import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { VerifyResult } from '../../src/domain/audit'
import { checkInLocally } from '../../src/db/appointment-writes'
import { takeInCase } from '../../src/db/case-writes'
import { readCenterCalendar } from '../../src/db/center-calendar'
import { ShiftDeskDB } from '../../src/db/database'
import { type Appointment, type Mutation, type PulledChange, type ServiceCalendar, type ServiceItem, addDays, centerClock } from '../../src/domain'
import { signInAtCentral } from '../../src/sync/central-auth'
import { runSync } from '../../src/sync/run-sync'
import { type Session, type TestServer, catalogue, countRows, createCase, login, pull, push, request, residentId, startServer } from './helpers'

/**
 * Appointments (citizens' bookings) on the staff side, over real HTTP: pulled by the staff of their
 * centre, checked in by taking in a case that names them, marked no-show after their slot.
 */
let server: TestServer
const sessions: Record<string, Session> = {}
let ord: string
let lzx: string
let item: ServiceItem
/** Two days ahead: in the booking window, its slots not started whatever the time now. */
const soon = addDays(centerClock(new Date()).date, 2)
const yesterday = addDays(centerClock(new Date()).date, -1)

const everyDay = (itemId: string): ServiceCalendar => {
  const session = { start: '09:00', end: '12:00', itemIds: [itemId], capacity: 10 }
  return {
    slotMinutes: 30, closedDates: [], weekend: [{ days: ['sat', 'sun'], ...session }], holiday: [session],
    weekday: { open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30', continuous: true }, capacity: 10 },
  }
}

let booked = 0
/** A booking made on the public page; returns its id (read back from the table, as the page never shows it). */
async function book(centerId: string, slotStart = '09:00'): Promise<string> {
  const n = ++booked
  const answer = await request<{ code: string }>(server, 'POST', '/api/public/bookings', {
    json: { centerId, itemId: item.id, date: soon, slotStart, name: `预约人${n}`, mobile: `1390477${String(n).padStart(4, '0')}`, idNumber: residentId(500 + n), consent: true },
  })
  expect(answer.status).toBe(201)
  return (server.sql.prepare('select id from bookings where code = ?').get(answer.body.code) as { id: string }).id
}

const bookingRow = (id: string) => server.sql.prepare('select status, case_id, version, seq from bookings where id = ?').get(id) as
  { status: string, case_id: string | null, version: number, seq: number }

const appointmentsIn = (changes: PulledChange[]) =>
  changes.flatMap(c => (c.entity === 'appointment' && c.data ? [c.data] : []))

const noShow = (session: Session, appointmentId: string): Mutation => ({
  id: uuidv7(), deviceId: session.deviceId, actorId: session.user.id, entity: 'appointment', entityId: appointmentId,
  op: 'appointment.noShow', baseVersion: 1, payload: {}, clientTime: new Date().toISOString(),
})

beforeAll(async () => {
  server = await startServer()
  for (const username of ['admin', 'ord-clerk1', 'ord-clerk2', 'lzx-clerk1']) sessions[username] = await login(server, username)
  ord = sessions['ord-clerk1']!.user.centerId
  lzx = sessions['lzx-clerk1']!.user.centerId
  item = (await catalogue(server, sessions['ord-clerk1']!)).find(i => i.code === 'SI-001')!
  for (const centerId of [ord, lzx]) {
    const current = await request<{ version: number }>(server, 'GET', `/api/centers/${centerId}/calendar`, { token: sessions.admin!.token })
    const saved = await request(server, 'PUT', `/api/centers/${centerId}/calendar`, { token: sessions.admin!.token, json: { baseVersion: current.body.version, calendar: everyDay(item.id) } })
    expect(saved.status).toBe(200)
  }
})
afterAll(() => server.close())

describe('appointments in the pull', () => {
  it('reach the staff of their centre whole, every centre for an admin, in seq order after the cursor', async () => {
    const cursors = Object.fromEntries(await Promise.all(['ord-clerk1', 'lzx-clerk1', 'admin'].map(async u =>
      [u, (await pull(server, sessions[u]!, '?limit=1000')).body.cursor] as const)))
    const [atOrd, atLzx] = [await book(ord), await book(lzx, '10:00')]
    const since = async (username: string) => {
      let cursor = cursors[username]!
      const found: Appointment[] = []
      for (;;) {
        const page = await pull(server, sessions[username]!, `?cursor=${cursor}&limit=1000`)
        found.push(...appointmentsIn(page.body.changes))
        cursor = page.body.cursor
        if (!page.body.hasMore) return found
      }
    }
    const ordSees = await since('ord-clerk1')
    expect(ordSees.map(a => a.id)).toEqual([atOrd])
    expect(ordSees[0]).toMatchObject({
      centerId: ord, itemId: item.id, itemName: item.name, date: soon, slotStart: '09:00', slotEnd: '09:30', kind: expect.any(String),
      status: 'booked', caseId: null, version: 1, idNumber: expect.stringMatching(/^\d{17}[\dX]$/), mobile: expect.stringMatching(/^1\d{10}$/),
    })
    expect((await since('lzx-clerk1')).map(a => a.id)).toEqual([atLzx])
    expect((await since('admin')).map(a => a.id)).toEqual([atOrd, atLzx])
  })

  it('keep a device from skipping a booking made after its cursor when its push moves the cursor', async () => {
    const clerk = sessions['ord-clerk2']!
    const cursor = (await pull(server, clerk, '?limit=1000')).body.cursor
    const pushAt = (mutations: Mutation[]) => request<{ cursor?: string }>(server, 'POST', `/api/sync/push?echo=1&cursor=${cursor}`,
      { token: clerk.token, json: { deviceId: clerk.deviceId, mutations } })
    await book(ord, '11:00')
    // A booking of the centre came after the cursor: no shortcut past it.
    expect((await pushAt([createCase(clerk, item)])).body.cursor).toBeUndefined()
  })
})

describe('check-in (到号) through case.create', () => {
  it('links the booking to the case exactly once, even when the batch is sent again, and other devices see it', async () => {
    const clerk = sessions['ord-clerk1']!
    const appointmentId = await book(ord, '09:30')
    const before = bookingRow(appointmentId)
    const colleagueCursor = (await pull(server, sessions['ord-clerk2']!, '?limit=1000')).body.cursor
    const create = createCase(clerk, item, { channel: 'appointment', windowNo: '', appointmentId })
    const deviceCursor = (await pull(server, clerk, '?limit=1000')).body.cursor

    const first = await request<{ results: { status: string }[], cursor?: string }>(server, 'POST', `/api/sync/push?echo=1&cursor=${deviceCursor}`,
      { token: clerk.token, json: { deviceId: clerk.deviceId, mutations: [create] } })
    expect(first.body.results).toEqual([{ id: create.id, status: 'applied', version: 1 }])
    // The booking changed too and is not echoed: no shortcut past it, the device pulls it back.
    expect(first.body.cursor).toBeUndefined()
    const linked = bookingRow(appointmentId)
    expect(linked).toMatchObject({ status: 'checked_in', case_id: create.entityId, version: before.version + 1 })
    expect(linked.seq).toBeGreaterThan(before.seq)

    const again = await push(server, clerk, [create])
    expect(again.body.results).toEqual([{ id: create.id, status: 'duplicate', version: 1 }])
    expect(bookingRow(appointmentId)).toEqual(linked)
    expect(countRows(server, 'cases', 'id = ?', create.entityId)).toBe(1)

    const seen = appointmentsIn((await pull(server, sessions['ord-clerk2']!, `?cursor=${colleagueCursor}&limit=1000`)).body.changes)
    expect(seen.filter(a => a.id === appointmentId).at(-1)).toMatchObject({ status: 'checked_in', caseId: create.entityId, version: 2 })
    const stored = JSON.parse((server.sql.prepare('select data from cases where id = ?').get(create.entityId) as { data: string }).data)
    expect(stored).toMatchObject({ appointmentId, channel: 'appointment' })
  })

  it('takes the case in but leaves a booking already checked in to another case as it is', async () => {
    const clerk = sessions['ord-clerk2']!
    const appointmentId = await book(ord, '10:00')
    const a = createCase(clerk, item, { channel: 'appointment', windowNo: '', appointmentId })
    const b = createCase(clerk, item, { channel: 'appointment', windowNo: '', appointmentId })
    expect((await push(server, clerk, [a, b])).body.results.map(r => r.status)).toEqual(['applied', 'applied'])
    expect(bookingRow(appointmentId)).toMatchObject({ status: 'checked_in', case_id: a.entityId, version: 2 })
  })

  it('refuses a case naming another centre\'s appointment, and changes nothing', async () => {
    const appointmentId = await book(ord, '10:30')
    const create = createCase(sessions['lzx-clerk1']!, item, { channel: 'appointment', windowNo: '', appointmentId })
    const answer = await push(server, sessions['lzx-clerk1']!, [create])
    expect(answer.body.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN', reason: 'reject.appointmentOtherCenter', field: 'appointmentId' })
    expect(bookingRow(appointmentId)).toMatchObject({ status: 'booked', case_id: null, version: 1 })
    expect(countRows(server, 'cases', 'id = ?', create.entityId)).toBe(0)
  })
})

describe('no-show (爽约)', () => {
  it('is refused before the slot has ended, and the refusal is answered again for a re-sent change', async () => {
    const appointmentId = await book(ord, '11:00')
    const change = noShow(sessions['ord-clerk1']!, appointmentId)
    const answer = await push(server, sessions['ord-clerk1']!, [change])
    expect(answer.body.results[0]).toMatchObject({ status: 'rejected', code: 'ILLEGAL_TRANSITION', reason: 'reject.slotNotEnded' })
    expect((await push(server, sessions['ord-clerk1']!, [change])).body.results).toEqual(answer.body.results)
    expect(bookingRow(appointmentId)).toMatchObject({ status: 'booked', version: 1 })
  })

  it('is applied once after the slot, logged and audited; other centres and admins are forbidden', async () => {
    const appointmentId = await book(ord, '11:30')
    // The slot was yesterday (the public page only books slots still to come).
    server.sql.prepare('update bookings set date = ? where id = ?').run(yesterday, appointmentId)
    const other = await push(server, sessions['lzx-clerk1']!, [noShow(sessions['lzx-clerk1']!, appointmentId)])
    expect(other.body.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN', reason: 'reject.appointmentOtherCenter' })
    const byAdmin = await push(server, sessions.admin!, [noShow(sessions.admin!, appointmentId)])
    expect(byAdmin.body.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN', reason: 'reject.role' })
    const wrongEntity = await push(server, sessions['ord-clerk1']!, [{ ...noShow(sessions['ord-clerk1']!, appointmentId), entity: 'case' }])
    expect(wrongEntity.body.results[0]).toMatchObject({ status: 'rejected', code: 'INVALID' })

    const change = noShow(sessions['ord-clerk1']!, appointmentId)
    const before = bookingRow(appointmentId)
    expect((await push(server, sessions['ord-clerk1']!, [change])).body.results).toEqual([{ id: change.id, status: 'applied', version: 2 }])
    const marked = bookingRow(appointmentId)
    expect(marked).toMatchObject({ status: 'no_show', version: 2 })
    expect(marked.seq).toBeGreaterThan(before.seq)
    expect((await push(server, sessions['ord-clerk1']!, [change])).body.results).toEqual([{ id: change.id, status: 'duplicate', version: 2 }])
    expect(bookingRow(appointmentId)).toEqual(marked)
    expect(countRows(server, 'mutations', 'id = ? and status = ?', change.id, 'applied')).toBe(1)
    expect(server.sql.prepare('select op, changes, seq from audit_log where mutation_id = ?').all(change.id))
      .toEqual([{ op: 'appointment.noShow', changes: '{"status":{"before":"booked","after":"no_show"}}', seq: marked.seq }])
    const verified = await request<VerifyResult>(server, 'GET', '/api/audit/verify', { token: sessions.admin!.token })
    expect(verified.body.ok).toBe(true)
    // Marked twice: the second is refused, whoever sends it.
    const twice = await push(server, sessions['ord-clerk2']!, [noShow(sessions['ord-clerk2']!, appointmentId)])
    expect(twice.body.results[0]).toMatchObject({ status: 'rejected', reason: 'reject.appointmentNotBooked' })
  })
})

describe('a clerk\'s device', () => {
  it('pulls the centre\'s appointments and calendar, checks one in at intake, and syncs the check-in', async () => {
    const appointmentId = await book(ord, '09:00')
    const db = new ShiftDeskDB('appointments-device')
    const session = await signInAtCentral(db, server.url, 'ord-clerk1', 'shiftdesk-demo')
    await runSync(db, server.url)
    const held = await db.appointments.get(appointmentId)
    expect(held).toMatchObject({ status: 'booked', centerId: ord, date: soon, itemName: item.name })
    expect(new Set((await db.appointments.toArray()).map(a => a.centerId))).toEqual(new Set([ord]))
    const { calendar, holidays } = await readCenterCalendar(db, ord, [Number(soon.slice(0, 4))])
    expect(calendar).toMatchObject({ centerId: ord, version: 2, calendar: everyDay(item.id) })
    expect(holidays.size).toBeGreaterThan(0)

    const record = await takeInCase(db, session.user, session.center, {
      applicantType: 'person', applicantName: held!.name, idNumber: held!.idNumber, contactName: '', phone: held!.mobile,
      serviceItemId: item.id, materials: [], channel: 'appointment', windowNo: '', notes: '', appointmentId,
    })
    // Shown checked in at once, before any sync.
    expect(await db.appointments.get(appointmentId)).toMatchObject({ status: 'checked_in', caseId: record.id, local: { base: { status: 'booked' } } })
    await checkInLocally(db, session.user, record) // a second look changes nothing: it is checked in already

    expect(await runSync(db, server.url)).toMatchObject({ outcome: 'synced', pending: 0 })
    expect(bookingRow(appointmentId)).toMatchObject({ status: 'checked_in', case_id: record.id })
    const synced = await db.appointments.get(appointmentId)
    expect(synced).toMatchObject({ status: 'checked_in', caseId: record.id, version: 2 })
    expect(synced!.local).toBeUndefined()
    db.close()
  })
})
