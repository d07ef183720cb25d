import Dexie from 'dexie'
import { computed, type Ref } from 'vue'
import { readCenterCalendar } from '../db/center-calendar'
import type { DeviceAppointment, OutboxEntry } from '../db/database'
import { db } from '../db/db'
import {
  type CaseRecord, appointmentDays, appointmentsBySession, centerClock, dayBounds, dayFigures, holidayLookup,
} from '../domain'
import { useSessionStore } from '../stores/session'
import { useLiveQuery } from './use-live-query'
import { useNow } from './use-now'

/**
 * The day view's data, live and from the device only (it works offline): the centre's calendar, the
 * appointments of today (and of the rest of the weekend on a Friday or Saturday) by [date+slotStart],
 * and the cases received today by receivedAt. "Today" is the centre's day.
 */
export function useToday() {
  const session = useSessionStore()
  const now = useNow()
  const today = computed(() => centerClock(new Date(now.value)).date)
  const centerId = computed(() => session.user?.centerId ?? '')
  const days = computed(() => appointmentDays(today.value))

  const calendar = useLiveQuery(
    () => readCenterCalendar(db, centerId.value, [...new Set(days.value.map(d => Number(d.slice(0, 4))))]),
    { calendar: null, holidays: holidayLookup([]) }, [centerId, today],
  )
  const appointments: Ref<DeviceAppointment[]> = useLiveQuery(async () => {
    const [first, last] = [days.value[0]!, days.value.at(-1)!]
    const rows = await db.appointments.where('[date+slotStart]').between([first, Dexie.minKey], [last, Dexie.maxKey]).toArray()
    return rows.filter(a => a.centerId === centerId.value)
  }, [], [centerId, today])
  const cases: Ref<CaseRecord[]> = useLiveQuery(async () => {
    const { from, to } = dayBounds(today.value)
    const rows = await db.cases.where('receivedAt').between(from.toISOString(), to.toISOString(), true, false).toArray()
    return rows.filter(c => c.centerId === centerId.value)
  }, [], [centerId, today])
  /** The outbox state of each change still shown over an appointment, by mutation id. */
  const outboxStates = useLiveQuery(async () => {
    const ids = appointments.value.flatMap(a => (a.local ? [a.local.mutationId] : []))
    const entries = ids.length ? await db.outbox.where('id').anyOf(ids).toArray() : []
    return new Map<string, OutboxEntry['state']>(entries.map(entry => [entry.id, entry.state]))
  }, new Map(), [appointments])

  const sessions = computed(() => appointmentsBySession(appointments.value, calendar.value.calendar?.calendar ?? null, calendar.value.holidays))
  const figures = computed(() => dayFigures(cases.value, {
    calendar: calendar.value.calendar?.calendar ?? null, holidays: calendar.value.holidays, date: today.value, now: new Date(now.value),
  }))
  /** The outbox state of the change made here and shown over `a`, not yet applied by the central system: waiting, or refused. */
  const outboxStateOf = (a: DeviceAppointment) => (a.local ? outboxStates.value.get(a.local.mutationId) : undefined)

  return { today, now, days, calendar, appointments, sessions, figures, outboxStateOf }
}

/** One appointment as this device holds it (undefined while loading, null when not here); live. */
export function useAppointment(id: Ref<string>): Ref<DeviceAppointment | null | undefined> {
  return useLiveQuery<DeviceAppointment | null | undefined>(async () => (await db.appointments.get(id.value)) ?? null, undefined, [id])
}
