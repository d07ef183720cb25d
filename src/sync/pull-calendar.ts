import { callApi } from '../api/client'
import { centerClock } from '../domain'
import { centerCalendar, holidays } from '../domain/api/calendar-routes'
import { type DeviceCalendar, calendarKey, storeCalendar } from '../db/center-calendar'
import type { ShiftDeskDB } from '../db/database'
import { readMeta } from '../db/meta'
import { pullSession } from './pull-session'
import { usableSessions } from './sessions'

/** An admin's change to the calendar reaches the devices within this long (they sync more often). */
export const CALENDAR_REFRESH_MS = 10 * 60_000

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
  const opts = { baseUrl, token: session.token }
  const [stored, ...years] = await Promise.all([
    callApi(centerCalendar, { params: { id: centerId } }, opts),
    callApi(holidays, { params: { year: String(year) } }, opts),
    callApi(holidays, { params: { year: String(year + 1) } }, opts),
  ])
  await storeCalendar(db, { centerId, version: stored.version, calendar: stored.calendar, pulledAt: now.toISOString() }, years)
  return true
}
