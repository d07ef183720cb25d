import { describe, expect, it } from 'vitest'
import {
  type Appointment, type CaseHistoryEntry, type CaseRecord, type CaseStatus, CN_HOLIDAYS_2026, type ServiceCalendar,
  appointmentCounts, appointmentDays, appointmentsBySession, dayBounds, dayFigures, holidayLookup,
} from '../../src/domain'

/** The day view's figures: appointments per session, 延时 cases and the same-day completion rate. */
const calendar: ServiceCalendar = {
  slotMinutes: 30,
  weekday: { open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30', continuous: true }, capacity: 4 },
  weekend: [{ days: ['sat', 'sun'], start: '09:00', end: '12:00', itemIds: ['credit'], capacity: 10 }],
  holiday: [],
  closedDates: [],
}
const holidays = holidayLookup(CN_HOLIDAYS_2026)
/** Thursday 2026-11-26, closing at 17:00 in Shanghai (09:00 UTC). */
const DAY = '2026-11-26'
const sh = (time: string, date = DAY) => new Date(`${date}T${time}+08:00`).toISOString()

let n = 0
/** A case received at `received` (Shanghai time on DAY) that went through `steps` [status, time]. */
function caseAt(received: string, steps: [CaseStatus, string][] = [], date = DAY): CaseRecord {
  const id = `case-${++n}`
  const history: CaseHistoryEntry[] = [{ mutationId: `m-${id}`, at: sh(received, date), actorId: 'u', actorName: '张敏', kind: 'create', to: 'received' }]
  for (const [to, at] of steps) history.push({ mutationId: `m-${id}-${to}`, at, actorId: 'u', actorName: '张敏', kind: 'complete', to })
  return {
    id, caseNo: `ORD-${n}`, centerId: 'c', serviceItemId: 'credit', serviceItemName: '个人征信报告打印', applicantType: 'person',
    applicantName: '王芳', idNumber: '', contactName: '', phone: '', materials: [], channel: 'window', windowNo: '1', notes: '',
    status: steps.at(-1)?.[0] ?? 'received', statusNote: '', receivedAt: sh(received, date), receivedBy: 'u', receivedByName: '张敏',
    updatedAt: sh(received, date), version: 1, history,
  }
}

describe('the days the day view lists', () => {
  it.each([
    ['2026-11-27', 'Friday: the weekend too', ['2026-11-27', '2026-11-28', '2026-11-29']],
    ['2026-11-28', 'Saturday: and Sunday', ['2026-11-28', '2026-11-29']],
    ['2026-11-29', 'Sunday', ['2026-11-29']],
    ['2026-11-25', 'Wednesday', ['2026-11-25']],
  ])('%s (%s)', (today, _what, days) => {
    expect(appointmentDays(today)).toEqual(days)
  })

  it('bounds a centre day by its midnights, whatever the process zone', () => {
    expect(dayBounds(DAY)).toEqual({ from: new Date('2026-11-25T16:00:00Z'), to: new Date('2026-11-26T16:00:00Z') })
  })
})

describe('appointments per session', () => {
  const appointment = (date: string, slotStart: string, slotEnd: string, kind: Appointment['kind'], status: Appointment['status'] = 'booked'): Appointment => ({
    id: `${date}-${slotStart}-${status}`, code: `C${slotStart.replace(':', '')}`, centerId: 'c', itemId: 'credit', itemName: '个人征信报告打印',
    date, slotStart, slotEnd, kind, name: '周丽', mobile: '13904771234', idNumber: '', status, caseId: null, version: 1, updatedAt: '',
  })
  const weekday = [
    appointment(DAY, '14:00', '14:30', 'weekday'), appointment(DAY, '09:30', '10:00', 'weekday'),
    appointment(DAY, '12:30', '13:00', 'lunchtime'), appointment(DAY, '09:00', '09:30', 'weekday', 'cancelled'),
  ]

  it('groups a weekday by morning, lunchtime and afternoon, in time order', () => {
    const groups = appointmentsBySession(weekday, calendar, holidays)
    expect(groups.map(g => [g.kind, g.start, g.end, g.appointments.map(a => a.slotStart)])).toEqual([
      ['weekday', '09:00', '12:00', ['09:00', '09:30']],
      ['lunchtime', '12:00', '13:30', ['12:30']],
      ['weekday', '13:30', '17:00', ['14:00']],
    ])
    expect(appointmentCounts(weekday)).toEqual({ booked: 3, cancelled: 1, checked_in: 0, no_show: 0 })
  })

  it('puts Saturday and Sunday in their own weekend sessions', () => {
    const groups = appointmentsBySession([appointment('2026-11-29', '09:00', '09:30', 'weekend'), appointment('2026-11-28', '11:30', '12:00', 'weekend')], calendar, holidays)
    expect(groups.map(g => [g.date, g.kind, g.start, g.end])).toEqual([['2026-11-28', 'weekend', '09:00', '12:00'], ['2026-11-29', 'weekend', '09:00', '12:00']])
  })

  it('without the calendar, or for a slot no session holds any more, groups by the booked kind of session', () => {
    expect(appointmentsBySession(weekday, null, holidays).map(g => [g.kind, g.start, g.end, g.appointments.length])).toEqual([
      ['weekday', '09:00', '14:30', 3], ['lunchtime', '12:30', '13:00', 1],
    ])
    const moved = appointmentsBySession([appointment(DAY, '18:00', '18:30', 'weekday')], calendar, holidays)
    expect(moved.map(g => [g.kind, g.start, g.end])).toEqual([['weekday', '18:00', '18:30']])
  })
})

describe('day figures', () => {
  const done = caseAt('10:00', [['in_progress', sh('10:05')], ['completed', sh('11:00')]])
  const acrossClosing = caseAt('16:50', [['in_progress', sh('16:51')], ['completed', sh('17:25')]])
  const afterClosing = caseAt('17:10', [['in_progress', sh('17:11')], ['completed', sh('17:40')]])
  const stillOpen = caseAt('16:00', [['in_progress', sh('16:10')]])
  const declinedEarly = caseAt('15:00', [['declined', sh('16:00')]])
  const nextMorning = caseAt('16:30', [['in_progress', sh('16:31')], ['completed', sh('09:10', '2026-11-27')]])
  const yesterday = caseAt('10:00', [['completed', sh('10:30', '2026-11-25')]], '2026-11-25')
  const all = [done, acrossClosing, afterClosing, stillOpen, declinedEarly, nextMorning, yesterday]

  it('at 17:30 the same day: extended cases with their minutes past closing, and the same-day rate', () => {
    const figures = dayFigures(all, { calendar, holidays, date: DAY, now: new Date(sh('17:30')) })
    expect(figures.closesAt).toEqual(new Date(sh('17:00')))
    expect(figures.received).toBe(6)
    expect(figures.completedSameDay).toBe(3)
    expect(figures.sameDayRate).toBe(0.5)
    expect(figures.extended.map(e => [e.id, e.reason, e.minutes, e.ongoing])).toEqual([
      [stillOpen.id, 'openAtClosing', 30, true],
      [nextMorning.id, 'openAtClosing', 30, false],
      [acrossClosing.id, 'openAtClosing', 25, false],
      [afterClosing.id, 'afterClosing', 40, false],
    ])
  })

  it('before closing nothing is extended yet', () => {
    const figures = dayFigures([done, stillOpen], { calendar, holidays, date: DAY, now: new Date(sh('16:30')) })
    expect(figures.extended).toEqual([])
    expect(figures.sameDayRate).toBe(0.5)
  })

  it('looking back from the next day, a case left open counts to the end of the day', () => {
    const figures = dayFigures([stillOpen, nextMorning], { calendar, holidays, date: DAY, now: new Date(sh('08:00', '2026-11-27')) })
    expect(figures.extended.map(e => [e.minutes, e.ongoing])).toEqual([[419, false], [419, false]])
  })

  it('without the calendar or on a day without service there is no closing, so no 延时; the rate still counts', () => {
    const noCalendar = dayFigures(all, { calendar: null, holidays, date: DAY, now: new Date(sh('17:30')) })
    expect(noCalendar).toMatchObject({ closesAt: null, extended: [], received: 6, completedSameDay: 3 })
    // 2026-10-01 国庆: a public holiday and this calendar has no holiday session.
    const holiday = caseAt('10:00', [['completed', sh('10:20', '2026-10-01')]], '2026-10-01')
    expect(dayFigures([holiday], { calendar, holidays, date: '2026-10-01', now: new Date(sh('18:00', '2026-10-01')) }))
      .toMatchObject({ closesAt: null, extended: [], received: 1, completedSameDay: 1, sameDayRate: 1 })
  })

  it('has no rate when nothing was received', () => {
    expect(dayFigures([yesterday], { calendar, holidays, date: DAY, now: new Date(sh('12:00')) })).toMatchObject({ received: 0, sameDayRate: null })
  })
})
