import * as v from 'valibot'
import { BookingRequestSchema, BookingSummarySchema, PublicDaySchema, PublicItemSchema, PublicSlotSchema } from '../booking'
import { isCalendarDate } from '../service-calendar'
import { defineRoute } from './route'

/**
 * The public booking page's API (no sign-in): which centres take bookings, what they offer and how
 * many places are left; a booking; and a booking's lookup and cancellation by whoever holds both its
 * code and its mobile number. Answers of the forms name bad fields by i18n key (`field.*`).
 */
const CenterParams = v.object({ id: v.pipe(v.string(), v.maxLength(64)) })
const CodeParams = v.object({ code: v.pipe(v.string(), v.maxLength(32)) })
const DateQuery = v.pipe(v.string(), v.check(isCalendarDate, 'booking.date'))
const ItemQuery = v.pipe(v.string(), v.nonEmpty('required'), v.maxLength(64, 'tooLong'))
const MobileSchema = v.pipe(v.string(), v.maxLength(32))
const required = (issue: v.BaseIssue<unknown>) => issue.received === 'undefined' ? 'required' : 'invalid'

export const publicCenters = defineRoute({
  method: 'GET', path: '/api/public/centers', access: 'public',
  response: v.object({
    /** The centre's today (the booking window's first day) and the window's length in days. */
    today: v.string(), daysAhead: v.number(),
    centers: v.array(v.object({ id: v.string(), code: v.string(), name: v.string(), nameEn: v.string() })),
  }),
})

/** The items bookable at a centre on `date`, or on any day of the window. */
export const publicItems = defineRoute({
  method: 'GET', path: '/api/public/centers/:id/items', access: 'public', fieldErrors: true,
  params: CenterParams,
  query: v.config(v.object({ date: v.optional(DateQuery) }), { message: required }),
  response: v.object({ items: v.array(PublicItemSchema) }),
})

/** The booking window day by day, for one item or for any. */
export const publicDays = defineRoute({
  method: 'GET', path: '/api/public/centers/:id/days', access: 'public', fieldErrors: true,
  params: CenterParams,
  query: v.config(v.object({ item: v.optional(ItemQuery) }), { message: required }),
  response: v.object({ days: v.array(PublicDaySchema) }),
})

export const publicSlots = defineRoute({
  method: 'GET', path: '/api/public/centers/:id/slots', access: 'public', fieldErrors: true,
  params: CenterParams,
  query: v.config(v.object({ date: DateQuery, item: ItemQuery }), { message: required }),
  response: v.object({ date: v.string(), slots: v.array(PublicSlotSchema) }),
})

export const book = defineRoute({
  method: 'POST', path: '/api/public/bookings', access: 'public', fieldErrors: true, bodyLimit: 4096, status: 201,
  body: BookingRequestSchema,
  response: v.object({ code: v.string(), summary: BookingSummarySchema }),
})

export const lookupBooking = defineRoute({
  method: 'GET', path: '/api/public/bookings/:code', access: 'public',
  params: CodeParams,
  query: v.object({ mobile: v.optional(MobileSchema) }),
  response: v.object({ summary: BookingSummarySchema }),
})

export const cancelBooking = defineRoute({
  method: 'POST', path: '/api/public/bookings/:code/cancel', access: 'public', bodyLimit: 1024,
  params: CodeParams,
  body: v.object({ mobile: MobileSchema }),
  response: v.object({ summary: BookingSummarySchema }),
})
