import { callApi } from '../api/client'
import { centerCalendar, centers, holidays, saveCenterCalendar, saveHolidays as saveHolidaysRoute } from '../domain/api/calendar-routes'
import type { HolidayEntry, ServiceCalendar } from '../domain'

/**
 * The calendar editor's calls to the central system (online only: an administrator's edit is
 * checked and saved there at once, not queued). A refusal is thrown as CentralError with the
 * answer's body: a 400's field errors, a 409's reason and current copy.
 */
export type { StoredCalendar } from '../domain/api/calendar-routes'

export const fetchCenters = (token: string) => callApi(centers, {}, { token })
export const fetchCalendar = (token: string, centerId: string) => callApi(centerCalendar, { params: { id: centerId } }, { token })
export const saveCalendar = (token: string, centerId: string, baseVersion: number, calendar: ServiceCalendar) =>
  callApi(saveCenterCalendar, { params: { id: centerId }, body: { baseVersion, calendar } }, { token })
export const fetchHolidays = (token: string, year: number) => callApi(holidays, { params: { year: String(year) } }, { token })
export const saveHolidays = (token: string, year: number, days: HolidayEntry[]) =>
  callApi(saveHolidaysRoute, { params: { year: String(year) }, body: { days } }, { token })
