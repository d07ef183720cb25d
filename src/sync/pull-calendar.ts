import * as v from 'valibot'
import { HolidayEntrySchema, ServiceCalendarSchema, centerClock } from '../domain'
import { type DeviceCalendar, calendarKey, storeCalendar } from '../db/center-calendar'
import type { ShiftDeskDB } from '../db/database'
import { readMeta } from '../db/meta'
import { callCentral } from './central-api'
import { pullSession, usableSessions } from './sessions'

/** An admin's change to the calendar reaches the devices within this long (they sync more often). */
export const CALENDAR_REFRESH_MS = 10 * 60_000

const StoredCalendarSchema = v.object({ centerId: v.string(), version: v.number(), calendar: ServiceCalendarSchema })
const HolidayYearSchema = v.object({ year: v.number(), days: v.array(HolidayEntrySchema) })

/**
 * Fetches the pulling user's centre calendar and the official holidays of this year and the next,
 * when the copy on the device is missing or older than CALENDAR_REFRESH_MS. Returns whether it did.
 */
export async function pullCalendar(db: ShiftDeskDB, baseUrl: string, now = new Date()): Promise<boolean> {
  const session = await pullSession(db, await usableSessions(db))
  if (!session) return false
  const centerId = session.user.centerId
  const onDevice = await readMeta<DeviceCalendar | null>(db, calendarKey(centerId), null)
  if (onDevice && now.getTime() - Date.parse(onDevice.pulledAt) < CALENDAR_REFRESH_MS) return false
  const year = Number(centerClock(now).date.slice(0, 4))
  const get = <S extends v.GenericSchema>(path: string, schema: S) => callCentral(baseUrl, path, schema, { token: session.token })
  const [stored, ...years] = await Promise.all([
    get(`/api/centers/${encodeURIComponent(centerId)}/calendar`, StoredCalendarSchema),
    get(`/api/holidays/${year}`, HolidayYearSchema),
    get(`/api/holidays/${year + 1}`, HolidayYearSchema),
  ])
  await storeCalendar(db, { centerId, version: stored.version, calendar: stored.calendar, pulledAt: now.toISOString() }, years)
  return true
}
