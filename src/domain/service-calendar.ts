import { CENTER_TIME_ZONE } from './center-time'
import type { HolidayEntry } from './holidays-cn'

/**
 * A centre's service calendar (服务日历) and the questions asked of it: is the centre open at an
 * instant, in which kind of session and until when; which slots exist on a day; how far past
 * closing an instant is (延时服务). Days and times are the centre's (Asia/Shanghai) wall clock,
 * whatever zone the device or the server process runs in: instants go through Intl, dates are
 * `YYYY-MM-DD` strings and times `HH:MM`, so no answer depends on the process's TZ.
 * The rules are here once; the valibot schema is in service-calendar-schema.ts.
 */
export const SESSION_KINDS = ['weekday', 'lunchtime', 'weekend', 'holiday'] as const
/** weekday: ordinary hours; lunchtime: 午间不间断 service; weekend/holiday: 错时 sessions. */
export type SessionKind = (typeof SESSION_KINDS)[number]
export type OpenKind = SessionKind | 'closed'
/** What the official calendar makes of a day: a make-up Saturday (调休上班日) is a `workday`. */
export type DayType = 'workday' | 'weekend' | 'holiday'
export const WEEKEND_DAYS = ['sat', 'sun'] as const
export type WeekendDay = (typeof WEEKEND_DAYS)[number]

export interface WeekdayHours {
  open: string
  close: string
  /** Lunchtime, e.g. 12:00–13:30: served without a break (`continuous`, 午间不间断) or closed. */
  lunch: { start: string, end: string, continuous: boolean }
  /** Online bookings per slot; 0 leaves weekday hours to walk-ins. */
  capacity: number
}

/** A weekend or holiday session (错时服务), e.g. 09:00–12:00, offering only the items listed. */
export interface ExtraSession {
  start: string
  end: string
  itemIds: string[]
  capacity: number
}
export interface WeekendSession extends ExtraSession { days: WeekendDay[] }
export interface HolidaySession extends ExtraSession {
  /** Only on these public holidays (e.g. not on 除夕); on every public holiday when absent. */
  dates?: string[]
}

export const SLOT_MINUTES = [10, 15, 20, 30, 60] as const

export interface ServiceCalendar {
  /** Length of a booking slot in minutes. */
  slotMinutes: (typeof SLOT_MINUTES)[number]
  /** Hours on working days, including make-up working days. Weekday hours offer every item. */
  weekday: WeekdayHours
  /** Sessions on Saturdays and Sundays that are not working days. */
  weekend: WeekendSession[]
  /** Sessions on public holidays (whatever weekday they fall on). */
  holiday: HolidaySession[]
  /** Days the centre is closed whatever the rest says. */
  closedDates: string[]
}

/** The official calendar by date; see holidays-cn.ts for the data. */
export type HolidayLookup = ReadonlyMap<string, HolidayEntry>
export const holidayLookup = (entries: Iterable<HolidayEntry>): HolidayLookup =>
  new Map([...entries].map(entry => [entry.date, entry]))

/** A stretch of one kind of service on a day; `itemIds` null means every item. */
export interface Period {
  kind: SessionKind
  start: string
  end: string
  itemIds: readonly string[] | null
  capacity: number
}
export interface DaySchedule {
  date: string
  dayType: DayType
  /** The official calendar's entry for the day (holiday or make-up working day), if any. */
  holiday: HolidayEntry | null
  /** In time order, not overlapping; empty when the centre is closed all day. */
  periods: Period[]
}
export type Slot = Period

export type OpenStatus =
  /** Open: `until` is when this kind of service ends, `closesAt` when service stops (lunch included). */
  | { kind: SessionKind, date: string, period: Period, until: Date, closesAt: Date }
  /** Closed: `until` is when the centre next opens (within 60 days), null if not. */
  | { kind: 'closed', date: string, period: null, until: Date | null, closesAt: null }

const DAY_MS = 86_400_000
const LOOK_AHEAD_DAYS = 60

export const toMinutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
export const fromMinutes = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const t = Date.parse(`${value}T00:00:00Z`)
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value
}

/** `date` moved by `days`, on the calendar (not the clock). */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export const dayOfWeek = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay()

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: CENTER_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
})

/** The centre's wall clock at an instant: its date and minutes since midnight (seconds dropped). */
export function centerClock(at: Date): { date: string, minutes: number } {
  const part: Record<string, string> = {}
  for (const { type, value } of wallClock.formatToParts(at)) part[type] = value
  return { date: `${part.year}-${part.month}-${part.day}`, minutes: Number(part.hour) * 60 + Number(part.minute) }
}

/** Minutes the centre's zone is ahead of UTC at an instant (480 for Asia/Shanghai). */
function zoneOffset(at: number): number {
  const { date, minutes } = centerClock(new Date(at))
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000
  return Math.round((wall - Math.floor(at / 60_000) * 60_000) / 60_000)
}

/** The instant at which the centre's wall clock shows `time` on `date`. */
export function centerInstant(date: string, time: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + toMinutes(time) * 60_000
  const first = wall - zoneOffset(wall) * 60_000
  return new Date(wall - zoneOffset(first) * 60_000)
}

export function dayType(date: string, holidays: HolidayLookup): DayType {
  const entry = holidays.get(date)
  if (entry) return entry.kind === 'holiday' ? 'holiday' : 'workday'
  const weekday = dayOfWeek(date)
  return weekday === 0 || weekday === 6 ? 'weekend' : 'workday'
}

function weekdayPeriods({ open, close, lunch, capacity }: WeekdayHours): Period[] {
  const part = (kind: SessionKind, start: string, end: string): Period => ({ kind, start, end, itemIds: null, capacity })
  const periods = [part('weekday', open, lunch.start)]
  if (lunch.continuous) periods.push(part('lunchtime', lunch.start, lunch.end))
  periods.push(part('weekday', lunch.end, close))
  return periods
}

const sessionPeriod = (kind: SessionKind, { start, end, itemIds, capacity }: ExtraSession): Period =>
  ({ kind, start, end, itemIds, capacity })

/** The day's periods of service, from the official calendar and the centre's own. */
export function daySchedule(calendar: ServiceCalendar, holidays: HolidayLookup, date: string): DaySchedule {
  const type = dayType(date, holidays)
  const holiday = holidays.get(date) ?? null
  let periods: Period[] = []
  if (calendar.closedDates.includes(date)) return { date, dayType: type, holiday, periods }
  if (type === 'workday') periods = weekdayPeriods(calendar.weekday)
  else if (type === 'weekend') {
    const day: WeekendDay = dayOfWeek(date) === 6 ? 'sat' : 'sun'
    periods = calendar.weekend.filter(s => s.days.includes(day)).map(s => sessionPeriod('weekend', s))
  }
  else periods = calendar.holiday.filter(s => !s.dates || s.dates.includes(date)).map(s => sessionPeriod('holiday', s))
  periods.sort((a, b) => toMinutes(a.start) - toMinutes(b.start))
  return { date, dayType: type, holiday, periods }
}

/** The first opening at or after `minutes` on `date`, looking up to 60 days ahead. */
function nextOpening(calendar: ServiceCalendar, holidays: HolidayLookup, date: string, minutes: number): Date | null {
  for (let i = 0; i <= LOOK_AHEAD_DAYS; i++) {
    const day = addDays(date, i)
    const next = daySchedule(calendar, holidays, day).periods.find(p => i > 0 || toMinutes(p.start) >= minutes)
    if (next) return centerInstant(day, next.start)
  }
  return null
}

/** Is the centre open at `at`, in which kind of session, and until when. Periods are [start, end). */
export function openStatus(calendar: ServiceCalendar, holidays: HolidayLookup, at: Date): OpenStatus {
  const { date, minutes } = centerClock(at)
  const { periods } = daySchedule(calendar, holidays, date)
  const index = periods.findIndex(p => toMinutes(p.start) <= minutes && minutes < toMinutes(p.end))
  const period = periods[index]
  if (!period) return { kind: 'closed', date, period: null, until: nextOpening(calendar, holidays, date, minutes), closesAt: null }
  let end = period.end
  for (const next of periods.slice(index + 1)) {
    if (next.start !== end) break
    end = next.end
  }
  return { kind: period.kind, date, period, until: centerInstant(date, period.end), closesAt: centerInstant(date, end) }
}

/** The bookable slots of a day: each period cut into `slotMinutes` pieces; a piece that does not fit is left out. */
export function slotsOn(calendar: ServiceCalendar, holidays: HolidayLookup, date: string): Slot[] {
  return daySchedule(calendar, holidays, date).periods.flatMap((period) => {
    const slots: Slot[] = []
    for (let t = toMinutes(period.start); t + calendar.slotMinutes <= toMinutes(period.end); t += calendar.slotMinutes) {
      slots.push({ ...period, start: fromMinutes(t), end: fromMinutes(t + calendar.slotMinutes) })
    }
    return slots
  })
}

export const offersItem = (period: Pick<Period, 'itemIds'>, itemId: string): boolean =>
  period.itemIds === null || period.itemIds.includes(itemId)

/** Of `itemIds` (a catalogue), those offered in some period of the day, in catalogue order. */
export function itemsOfferedOn(calendar: ServiceCalendar, holidays: HolidayLookup, date: string, itemIds: readonly string[]): string[] {
  const { periods } = daySchedule(calendar, holidays, date)
  return itemIds.filter(id => periods.some(p => offersItem(p, id)))
}

/** When the day's last period ends, or null on a day without service. */
export function closingTime(calendar: ServiceCalendar, holidays: HolidayLookup, date: string): Date | null {
  const last = daySchedule(calendar, holidays, date).periods.at(-1)
  return last ? centerInstant(date, last.end) : null
}

/**
 * 延时服务: whole minutes `at` lies beyond the closing time of its day (0 up to and at closing,
 * during the day, and on a day without service, where there is no closing to be late for).
 */
export function extendedMinutes(calendar: ServiceCalendar, holidays: HolidayLookup, at: Date): number {
  const { date, minutes } = centerClock(at)
  const last = daySchedule(calendar, holidays, date).periods.at(-1)
  return last ? Math.max(0, minutes - toMinutes(last.end)) : 0
}
