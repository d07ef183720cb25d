import type { ServiceCalendar, WeekendSession } from '../../src/domain/service-calendar'
import { validateCalendar } from '../../src/domain/service-calendar-schema'
import type { ServiceItem } from '../../src/domain/service-item'
import type { WriteTx } from '../store/store'

/**
 * Demo service calendars, after the source article: Ordos serves on weekends and public holidays
 * 9:00–12:00 and through lunchtime; the others differ so that each kind of calendar is on show
 * (two Saturday sessions, a lunch break, no holiday service). Weekend sessions offer the catalogue's
 * weekend items; holiday sessions only what is done on the spot (即办件).
 */
function demoCalendar(code: string, items: readonly ServiceItem[]): ServiceCalendar {
  const weekend = items.filter(i => i.weekend).map(i => i.id)
  const onTheSpot = items.filter(i => i.weekend && i.timeLimitDays === 0).map(i => i.id)
  const session = (days: WeekendSession['days'], start: string, end: string, capacity: number): WeekendSession =>
    ({ days, start, end, itemIds: weekend, capacity })
  const base = { slotMinutes: 30 as const, closedDates: [] as string[] }
  switch (code) {
    case 'ORD': return {
      ...base,
      weekday: { open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30', continuous: true }, capacity: 4 },
      weekend: [session(['sat', 'sun'], '09:00', '12:00', 10)],
      holiday: [{ start: '09:00', end: '12:00', itemIds: onTheSpot, capacity: 6 }],
      // 除夕 and 初一 2026: closed even though other public holidays have a session.
      closedDates: ['2026-02-16', '2026-02-17'],
    }
    case 'LZX': return {
      ...base,
      weekday: { open: '08:30', close: '17:30', lunch: { start: '12:00', end: '14:00', continuous: true }, capacity: 4 },
      weekend: [session(['sat'], '09:00', '12:00', 8), session(['sat'], '14:00', '17:00', 8)],
      holiday: [],
    }
    case 'HNS': return {
      ...base,
      weekday: { open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30', continuous: false }, capacity: 3 },
      weekend: [session(['sat'], '09:00', '12:00', 6)],
      holiday: [{ start: '09:00', end: '11:30', itemIds: onTheSpot, capacity: 4 }],
    }
    default: return {
      ...base,
      weekday: { open: '08:30', close: '17:00', lunch: { start: '12:00', end: '13:30', continuous: true }, capacity: 3 },
      weekend: [session(['sat', 'sun'], '09:30', '11:30', 5)],
      holiday: [{ start: '09:30', end: '11:30', itemIds: onTheSpot, capacity: 3 }],
    }
  }
}

/** Saves a demo calendar for each centre, inside the demo seed's transaction. */
export async function seedDemoCalendars(trx: WriteTx, centers: readonly { id: string, code: string }[], items: readonly ServiceItem[], now: Date): Promise<void> {
  for (const center of centers) {
    const checked = validateCalendar(demoCalendar(center.code, items))
    if (!checked.ok) throw new Error(`Demo calendar of ${center.code} is invalid: ${JSON.stringify(checked.errors)}`)
    await trx.insertInto('calendars')
      .values({ center_id: center.id, data: JSON.stringify(checked.value), version: 1, updated_at: now.toISOString() })
      .execute()
  }
}
