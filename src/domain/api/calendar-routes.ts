import * as v from 'valibot'
import { HOLIDAY_KINDS } from '../holidays-cn'
import { HolidayEntrySchema, ServiceCalendarSchema } from '../service-calendar-schema'
import { defineRoute } from './route'

/**
 * Service calendars and the official calendar. Every staff member reads their own centre's
 * calendar and the official one (their devices keep them for the day view); administrators read
 * every centre's and save both. Saves are checked and answered at once, never queued.
 */
const CenterSchema = v.object({ id: v.string(), code: v.string(), name: v.string(), nameEn: v.string() })

/** A centre's calendar as stored; version 0 means the centre has not saved one yet. */
export const StoredCalendarSchema = v.object({
  centerId: v.string(),
  version: v.number(),
  updatedAt: v.nullable(v.string()),
  calendar: ServiceCalendarSchema,
})
export type StoredCalendar = v.InferOutput<typeof StoredCalendarSchema>

const HolidayYearSchema = v.object({
  year: v.number(),
  days: v.array(v.object({ date: v.string(), kind: v.picklist(HOLIDAY_KINDS), name: v.string() })),
})
const YearParams = v.object({ year: v.pipe(v.string(), v.regex(/^20\d\d$/, 'must be a year from 2000 to 2099'), v.transform(Number)) })
const fallback = (issue: v.BaseIssue<unknown>) => issue.received === 'undefined' ? 'required' : 'invalid'

/** The centres whose calendar the user may read: every centre for an administrator, else their own. */
export const centers = defineRoute({
  method: 'GET', path: '/api/centers', access: 'staff',
  response: v.object({ centers: v.array(CenterSchema) }),
})

export const centerCalendar = defineRoute({
  method: 'GET', path: '/api/centers/:id/calendar', access: 'staff', centerParam: 'id',
  params: v.object({ id: v.pipe(v.string(), v.maxLength(64)) }),
  response: StoredCalendarSchema,
})

/** Saves over `baseVersion` (the version read; 0 before the first save); 409 with `current` if it is stale. */
export const saveCenterCalendar = defineRoute({
  method: 'PUT', path: '/api/centers/:id/calendar', access: 'admin', fieldErrors: true, bodyLimit: 256 * 1024,
  params: v.object({ id: v.pipe(v.string(), v.maxLength(64)) }),
  body: v.config(v.object({ baseVersion: v.pipe(v.number(), v.integer(), v.minValue(0)), calendar: ServiceCalendarSchema }), { message: fallback }),
  response: StoredCalendarSchema,
})

export const holidays = defineRoute({
  method: 'GET', path: '/api/holidays/:year', access: 'staff',
  params: YearParams,
  response: HolidayYearSchema,
})

/** Replaces a year of the official calendar; the year's own rules are checked by validateHolidayYear. */
export const saveHolidays = defineRoute({
  method: 'PUT', path: '/api/holidays/:year', access: 'admin', fieldErrors: true, bodyLimit: 128 * 1024,
  params: YearParams,
  body: v.config(v.object({ days: v.pipe(v.array(HolidayEntrySchema), v.maxLength(366)) }), { message: fallback }),
  response: HolidayYearSchema,
})
