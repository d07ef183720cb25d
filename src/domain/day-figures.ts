import type { Appointment } from './appointment'
import type { BookingStatus } from './booking'
import type { CaseRecord } from './case'
import { type CaseStatus, FINAL_STATUSES } from './case-status'
import {
  type HolidayLookup, type ServiceCalendar, type SessionKind, addDays, centerClock, centerInstant, closingTime, dayOfWeek,
  daySchedule, extendedMinutes, toMinutes,
} from './service-calendar'

/**
 * The day view's figures (今日 · 预约与延时), computed from what the device holds: the day's
 * appointments per session, the cases served past closing time (延时服务) and the same-day
 * completion rate (当日事当日毕). Days are the centre's (Asia/Shanghai), whatever the device's zone.
 */

/** The days whose appointments the day view lists: today, and on a Friday or Saturday the rest of the weekend. */
export function appointmentDays(today: string): string[] {
  const weekday = dayOfWeek(today)
  const more = weekday === 5 ? 2 : weekday === 6 ? 1 : 0
  return Array.from({ length: more + 1 }, (_, i) => addDays(today, i))
}

/** A centre day as instants: from its midnight to the next day's, for a range read of receivedAt. */
export function dayBounds(date: string): { from: Date, to: Date } {
  return { from: centerInstant(date, '00:00'), to: centerInstant(addDays(date, 1), '00:00') }
}

export interface SessionGroup {
  date: string
  kind: SessionKind
  start: string
  end: string
  appointments: Appointment[]
}

const bySlot = (a: Appointment, b: Appointment) =>
  a.date.localeCompare(b.date) || a.slotStart.localeCompare(b.slotStart) || a.code.localeCompare(b.code)

/**
 * Appointments grouped by the session (period of the calendar) their slot falls in, in time order.
 * Without the calendar, or for a slot no period holds any more (the calendar changed since it was
 * booked), the group is the appointment's own kind of session on that day.
 */
export function appointmentsBySession(
  appointments: readonly Appointment[], calendar: ServiceCalendar | null, holidays: HolidayLookup,
): SessionGroup[] {
  const groups = new Map<string, SessionGroup>()
  for (const a of [...appointments].sort(bySlot)) {
    const at = toMinutes(a.slotStart)
    const period = calendar
      ? daySchedule(calendar, holidays, a.date).periods.find(p => toMinutes(p.start) <= at && at < toMinutes(p.end))
      : undefined
    const key = period ? `${a.date} ${period.start}` : `${a.date} ${a.kind}`
    let group = groups.get(key)
    if (!group) {
      group = { date: a.date, kind: period?.kind ?? a.kind, start: period?.start ?? a.slotStart, end: period?.end ?? a.slotEnd, appointments: [] }
      groups.set(key, group)
    }
    group.appointments.push(a)
    if (!period && a.slotEnd > group.end) group.end = a.slotEnd
  }
  return [...groups.values()].sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start))
}

export const appointmentCounts = (appointments: readonly Appointment[]): Record<BookingStatus, number> => {
  const counts: Record<BookingStatus, number> = { booked: 0, cancelled: 0, checked_in: 0, no_show: 0 }
  for (const a of appointments) counts[a.status]++
  return counts
}

/** When a case reached its final status (completed, declined, withdrawn), from its history; null while open. */
export function closedAt(record: Pick<CaseRecord, 'status' | 'history'>): string | null {
  if (!FINAL_STATUSES.includes(record.status)) return null
  return record.history.findLast(entry => entry.to === record.status)?.at ?? null
}

/** When the case was completed (办结), from its history; null if it was not. */
export const completedAt = (record: Pick<CaseRecord, 'status' | 'history'>): string | null =>
  record.status === 'completed' ? closedAt(record) : null

export interface ExtendedCase {
  id: string
  caseNo: string
  applicantName: string
  serviceItemName: string
  status: CaseStatus
  receivedAt: string
  /** Taken in after closing (for people who came before it), or still being served at closing. */
  reason: 'afterClosing' | 'openAtClosing'
  /** Whole minutes past closing until the case was closed (or until now while it is open). */
  minutes: number
  /** Still open today: the minutes go on counting. */
  ongoing: boolean
}

export interface DayFigures {
  date: string
  /** When the day's service ends; null on a day without service or without the calendar. */
  closesAt: Date | null
  received: number
  completedSameDay: number
  /** completedSameDay ÷ received; null when nothing was received. */
  sameDayRate: number | null
  /** 延时: in order of receipt. */
  extended: ExtendedCase[]
}

export interface DayContext {
  calendar: ServiceCalendar | null
  holidays: HolidayLookup
  /** The centre day, YYYY-MM-DD. */
  date: string
  now: Date
}

/**
 * Figures of a day from the cases received on it (others are ignored). A case is 延时 when taken in
 * after closing, or still open at closing; its minutes run from closing to when it was closed that
 * day, or to now while it is open today (to the day's end for a past day). A day without service
 * has no closing, and so no extended cases.
 */
export function dayFigures(cases: readonly CaseRecord[], ctx: DayContext): DayFigures {
  const { calendar, holidays, date, now } = ctx
  const onDay = (iso: string | null) => iso !== null && centerClock(new Date(iso)).date === date
  const received = cases.filter(c => onDay(c.receivedAt))
  const completedSameDay = received.filter(c => onDay(completedAt(c))).length
  const closesAt = calendar ? closingTime(calendar, holidays, date) : null
  const today = centerClock(now).date === date
  const dayEnd = centerInstant(date, '23:59')
  const extended: ExtendedCase[] = []
  if (calendar && closesAt) {
    for (const c of received) {
      const closed = closedAt(c)
      const closedToday = onDay(closed)
      const end = closedToday ? new Date(closed!) : today ? now : dayEnd
      const receivedAt = new Date(c.receivedAt)
      const reason = receivedAt >= closesAt ? 'afterClosing' : end > closesAt ? 'openAtClosing' : null
      if (!reason) continue
      extended.push({
        id: c.id, caseNo: c.caseNo, applicantName: c.applicantName, serviceItemName: c.serviceItemName, status: c.status,
        receivedAt: c.receivedAt, reason, minutes: extendedMinutes(calendar, holidays, end), ongoing: !closed && today,
      })
    }
  }
  extended.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
  return {
    date, closesAt, received: received.length, completedSameDay,
    sameDayRate: received.length ? completedSameDay / received.length : null, extended,
  }
}
