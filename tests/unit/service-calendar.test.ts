import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type * as Domain from '../../src/domain'
import { CN_HOLIDAYS_2026, type ServiceCalendar, holidayLookup, validateCalendar, validateHolidayYear } from '../../src/domain'

/**
 * The calendar answers in the centre's zone. Every table below runs with the process in Shanghai,
 * New York, UTC and Chatham (+13:45 in March), the domain module imported afresh under each zone,
 * and instants written with explicit offsets: the answers must be the same everywhere.
 */
const calendar: ServiceCalendar = {
  slotMinutes: 30,
  weekday: { open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30', continuous: true }, capacity: 4 },
  weekend: [{ days: ['sat'], start: '09:00', end: '12:00', itemIds: ['credit', 'id-card'], capacity: 10 }],
  holiday: [{ start: '09:00', end: '12:00', itemIds: ['credit'], capacity: 5, dates: ['2026-10-02'] }],
  closedDates: ['2026-03-20'],
}
const withBreak: ServiceCalendar = { ...calendar, weekday: { ...calendar.weekday, lunch: { start: '12:00', end: '13:30', continuous: false } } }
const holidays = holidayLookup(CN_HOLIDAYS_2026)
const at = (iso: string) => new Date(iso)

// [what, calendar, instant, kind, until (Shanghai wall time) or null, minutes beyond closing]
const OPEN_TABLE: [string, ServiceCalendar, string, string, string | null, number][] = [
  ['public holiday with a session (国庆, 10/2)', calendar, '2026-10-02T10:00+08:00', 'holiday', '2026-10-02T12:00+08:00', 0],
  ['public holiday without a session (国庆, 10/1)', calendar, '2026-10-01T10:00+08:00', 'closed', '2026-10-02T09:00+08:00', 0],
  ['public holiday on a Saturday beats the weekend session (元旦, 1/3)', calendar, '2026-01-03T10:00+08:00', 'closed', '2026-01-04T09:00+08:00', 0],
  ['make-up Sunday is a working day (1/4)', calendar, '2026-01-04T10:00+08:00', 'weekday', '2026-01-04T12:00+08:00', 0],
  ['make-up Saturday is a working day (2/28)', calendar, '2026-02-28T10:00+08:00', 'weekday', '2026-02-28T12:00+08:00', 0],
  ['make-up Saturday has lunchtime service (2/14)', calendar, '2026-02-14T12:30+08:00', 'lunchtime', '2026-02-14T13:30+08:00', 0],
  ['ordinary Saturday with a session', calendar, '2026-03-07T10:00+08:00', 'weekend', '2026-03-07T12:00+08:00', 0],
  ['ordinary Saturday, exactly at closing', calendar, '2026-03-07T12:00+08:00', 'closed', '2026-03-09T09:00+08:00', 0],
  ['ordinary Saturday, one minute after closing', calendar, '2026-03-07T12:01+08:00', 'closed', '2026-03-09T09:00+08:00', 1],
  ['ordinary Sunday without a session', calendar, '2026-03-08T10:00+08:00', 'closed', '2026-03-09T09:00+08:00', 0],
  ['Saturday 00:30 in the centre is Friday in New York', calendar, '2026-03-06T16:30:00Z', 'closed', '2026-03-07T09:00+08:00', 0],
  ['weekday at opening', calendar, '2026-03-10T09:00+08:00', 'weekday', '2026-03-10T12:00+08:00', 0],
  ['weekday lunchtime, continuous service', calendar, '2026-03-10T12:15+08:00', 'lunchtime', '2026-03-10T13:30+08:00', 0],
  ['weekday lunchtime with a lunch break', withBreak, '2026-03-10T12:15+08:00', 'closed', '2026-03-10T13:30+08:00', 0],
  ['weekday, one minute before closing', calendar, '2026-03-10T16:59+08:00', 'weekday', '2026-03-10T17:00+08:00', 0],
  ['weekday, exactly at closing', calendar, '2026-03-10T17:00+08:00', 'closed', '2026-03-11T09:00+08:00', 0],
  ['weekday, one minute after closing', calendar, '2026-03-10T17:01+08:00', 'closed', '2026-03-11T09:00+08:00', 1],
  ['weekday, 17:45:59 counts 45 minutes', calendar, '2026-03-10T17:45:59+08:00', 'closed', '2026-03-11T09:00+08:00', 45],
  ['weekday the centre closed itself', calendar, '2026-03-20T10:00+08:00', 'closed', '2026-03-21T09:00+08:00', 0],
]

// [what, calendar, date, slots, first slot, its kind, kinds present]
const SLOT_TABLE: [string, ServiceCalendar, string, number, string | null, string[]][] = [
  ['weekday with continuous lunchtime', calendar, '2026-03-10', 16, '09:00', ['weekday', 'lunchtime']],
  ['weekday with a lunch break', withBreak, '2026-03-10', 13, '09:00', ['weekday']],
  ['make-up Saturday', calendar, '2026-02-28', 16, '09:00', ['weekday', 'lunchtime']],
  ['ordinary Saturday with a session', calendar, '2026-03-07', 6, '09:00', ['weekend']],
  ['ordinary Sunday without a session', calendar, '2026-03-08', 0, null, []],
  ['public holiday with a session', calendar, '2026-10-02', 6, '09:00', ['holiday']],
  ['public holiday without a session', calendar, '2026-10-01', 0, null, []],
  ['public holiday on a weekday (春节, 2/16)', calendar, '2026-02-16', 0, null, []],
  ['closed by the centre', calendar, '2026-03-20', 0, null, []],
]

describe.each(['Asia/Shanghai', 'America/New_York', 'UTC', 'Pacific/Chatham'])('service calendar with the process in %s', (zone) => {
  const original = process.env.TZ
  let d: typeof Domain

  beforeAll(async () => {
    process.env.TZ = zone
    vi.resetModules()
    d = await import('../../src/domain')
  })
  afterAll(() => { process.env.TZ = original })

  it('really runs in that zone', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toMatch(zone === 'UTC' ? /^(Etc\/)?UTC$/ : zone)
    expect(new Date('2026-03-10T12:00:00Z').getHours()).toBe({ 'Asia/Shanghai': 20, 'America/New_York': 8, 'UTC': 12, 'Pacific/Chatham': 1 }[zone])
  })

  it.each(OPEN_TABLE)('%s', (_what, cal, instant, kind, until, extended) => {
    const status = d.openStatus(cal, holidays, at(instant))
    expect(status.kind).toBe(kind)
    expect(status.until?.toISOString() ?? null).toBe(until && at(until).toISOString())
    expect(d.extendedMinutes(cal, holidays, at(instant))).toBe(extended)
  })

  it('gives the end of service across lunchtime, and the centre day of the instant', () => {
    const status = d.openStatus(calendar, holidays, at('2026-03-10T10:00+08:00'))
    expect(status.closesAt?.toISOString()).toBe(at('2026-03-10T17:00+08:00').toISOString())
    expect(status.date).toBe('2026-03-10')
    const broken = d.openStatus(withBreak, holidays, at('2026-03-10T10:00+08:00'))
    expect(broken.closesAt?.toISOString()).toBe(at('2026-03-10T12:00+08:00').toISOString())
  })

  it.each(SLOT_TABLE)('slots: %s', (_what, cal, date, count, first, kinds) => {
    const slots = d.slotsOn(cal, holidays, date)
    expect(slots).toHaveLength(count)
    expect(slots[0]?.start ?? null).toBe(first)
    expect([...new Set(slots.map(s => s.kind))]).toEqual(kinds)
  })

  it('cuts the weekend session into slots with its items and capacity', () => {
    expect(d.slotsOn(calendar, holidays, '2026-03-07').map(s => [s.start, s.end])).toEqual([
      ['09:00', '09:30'], ['09:30', '10:00'], ['10:00', '10:30'], ['10:30', '11:00'], ['11:00', '11:30'], ['11:30', '12:00'],
    ])
    expect(d.slotsOn(calendar, holidays, '2026-03-07')[0]).toMatchObject({ itemIds: ['credit', 'id-card'], capacity: 10 })
  })

  it.each([
    ['2026-03-10', ['credit', 'id-card', 'land']],
    ['2026-03-07', ['credit', 'id-card']],
    ['2026-10-02', ['credit']],
    ['2026-10-01', []],
  ])('items offered on %s', (date, items) => {
    expect(d.itemsOfferedOn(calendar, holidays, date, ['credit', 'id-card', 'land'])).toEqual(items)
  })

  it.each([
    ['2026-02-14', 'workday'], ['2026-02-15', 'holiday'], ['2026-02-21', 'holiday'], ['2026-03-07', 'weekend'],
    ['2026-03-09', 'workday'], ['2026-09-20', 'workday'], ['2026-10-10', 'workday'], ['2026-10-11', 'weekend'],
  ])('day type of %s is %s', (date, type) => {
    expect(d.dayType(date, holidays)).toBe(type)
  })

  it('converts between the centre wall clock and instants', () => {
    expect(d.centerInstant('2026-03-10', '09:00').toISOString()).toBe('2026-03-10T01:00:00.000Z')
    expect(d.centerInstant('2026-03-08', '00:00').toISOString()).toBe('2026-03-07T16:00:00.000Z')
    expect(d.centerClock(at('2026-03-07T16:30:00Z'))).toEqual({ date: '2026-03-08', minutes: 30 })
    expect(d.closingTime(calendar, holidays, '2026-03-07')?.toISOString()).toBe('2026-03-07T04:00:00.000Z')
    expect(d.closingTime(calendar, holidays, '2026-03-08')).toBeNull()
  })
})

describe('the official calendar of 2026', () => {
  it('has the State Council’s 33 days off and 6 make-up working days, all valid', () => {
    expect(CN_HOLIDAYS_2026.filter(h => h.kind === 'holiday')).toHaveLength(33)
    expect(CN_HOLIDAYS_2026.filter(h => h.kind === 'workday').map(h => h.date))
      .toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
    expect(validateHolidayYear(2026, CN_HOLIDAYS_2026)).toMatchObject({ ok: true })
  })

  it.each([
    ['a date of another year', [{ date: '2027-01-01', kind: 'holiday', name: 'newYear' }], { '0.date': 'holiday.otherYear' }],
    ['a date twice', [{ date: '2026-01-01', kind: 'holiday', name: 'newYear' }, { date: '2026-01-01', kind: 'holiday', name: 'x' }], { '1.date': 'holiday.duplicate' }],
    ['a make-up working day on a Tuesday', [{ date: '2026-03-10', kind: 'workday', name: 'x' }], { '0.date': 'holiday.workdayNotWeekend' }],
    ['no such day', [{ date: '2026-02-30', kind: 'holiday', name: 'x' }], { '0.date': 'calendar.date' }],
    ['an unknown kind and no name', [{ date: '2026-02-03', kind: 'rest', name: '' }], { '0.kind': 'invalid', '0.name': 'required' }],
  ])('refuses %s', (_what, days, errors) => {
    expect(validateHolidayYear(2026, days)).toEqual({ ok: false, errors })
  })
})

describe('calendar validation', () => {
  const edit = (change: (c: ServiceCalendar) => void): unknown => {
    const copy = structuredClone(calendar)
    change(copy)
    return copy
  }

  it('accepts the example calendar', () => {
    expect(validateCalendar(calendar)).toEqual({ ok: true, value: calendar })
  })

  it.each([
    ['a time that is no time', edit((c) => { c.weekday.open = '9:00' }), { 'weekday.open': 'calendar.time' }],
    ['closing before opening', edit((c) => { c.weekday.close = '08:00' }), { 'weekday.close': 'calendar.order' }],
    ['lunch outside the hours', edit((c) => { c.weekday.lunch.start = '08:00' }), { 'weekday.lunch.start': 'calendar.lunchOutside' }],
    ['a session ending before it starts', edit((c) => { c.weekend[0]!.end = '08:00' }), { 'weekend.0.end': 'calendar.order' }],
    ['a session shorter than a slot', edit((c) => { c.weekend[0]!.end = '09:20' }), { 'weekend.0.end': 'calendar.tooShort' }],
    ['overlapping sessions on a Saturday', edit((c) => { c.weekend.push({ days: ['sun', 'sat'], start: '11:00', end: '13:00', itemIds: [], capacity: 1 }) }), { 'weekend.1.start': 'calendar.overlap' }],
    ['no day for a weekend session', edit((c) => { c.weekend[0]!.days = [] }), { 'weekend.0.days': 'calendar.days' }],
    ['a negative capacity', edit((c) => { c.holiday[0]!.capacity = -1 }), { 'holiday.0.capacity': 'calendar.capacity' }],
    ['an item twice', edit((c) => { c.holiday[0]!.itemIds = ['credit', 'credit'] }), { 'holiday.0.itemIds': 'calendar.duplicate' }],
    ['a slot length not offered', edit((c) => { (c as { slotMinutes: number }).slotMinutes = 25 }), { slotMinutes: 'calendar.slotMinutes' }],
    ['a missing part', edit((c) => { delete (c as Partial<ServiceCalendar>).closedDates }), { closedDates: 'required' }],
    ['an unknown field', { ...calendar, extra: 1 }, { extra: 'invalid' }],
  ])('names the field of %s', (_what, input, errors) => {
    expect(validateCalendar(input)).toEqual({ ok: false, errors })
  })
})
