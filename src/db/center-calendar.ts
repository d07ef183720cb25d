import { type HolidayEntry, type HolidayLookup, type ServiceCalendar, holidayLookup } from '../domain'
import type { ShiftDeskDB } from './database'
import { readMeta } from './meta'

/**
 * The centre's service calendar and the official holidays, kept on the device (meta table) so the
 * day view knows the sessions and the closing time offline. Pulled by src/sync/pull-calendar.ts.
 */
export interface DeviceCalendar {
  centerId: string
  /** The central system's version of the calendar (0: the centre has not saved one). */
  version: number
  calendar: ServiceCalendar
  /** When this device last fetched it (device clock). */
  pulledAt: string
}

export const calendarKey = (centerId: string) => `calendar:${centerId}`
export const holidaysKey = (year: number) => `holidays:${year}`

export function storeCalendar(db: ShiftDeskDB, calendar: DeviceCalendar, years: readonly { year: number, days: HolidayEntry[] }[]): Promise<void> {
  return db.transaction('rw', db.meta, async () => {
    await db.meta.bulkPut([
      { key: calendarKey(calendar.centerId), value: calendar },
      ...years.map(({ year, days }) => ({ key: holidaysKey(year), value: days })),
    ])
  })
}

/** What the device holds for a centre: its calendar (null before the first sync) and the holidays of `years`. */
export async function readCenterCalendar(db: ShiftDeskDB, centerId: string, years: readonly number[]): Promise<{ calendar: DeviceCalendar | null, holidays: HolidayLookup }> {
  const [calendar, days] = await Promise.all([
    readMeta<DeviceCalendar | null>(db, calendarKey(centerId), null),
    Promise.all(years.map(year => readMeta<HolidayEntry[]>(db, holidaysKey(year), []))),
  ])
  return { calendar, holidays: holidayLookup(days.flat()) }
}
