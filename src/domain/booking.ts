import * as v from 'valibot'
import { type FieldErrors, fieldErrors } from './case'
import { isMobile, normaliseMobile } from './mobile'
import { residentIdProblem } from './resident-id'
import { SESSION_KINDS, addDays, isCalendarDate } from './service-calendar'

/**
 * 预约: a citizen's booking of a slot, made on the public booking page without signing in. The
 * page validates each field as it is left and the server validates the whole request again with
 * the same schema; messages are i18n keys under `field.` like the intake form's.
 */
export const BOOKING_STATUSES = ['booked', 'cancelled', 'checked_in', 'no_show'] as const
export type BookingStatus = (typeof BOOKING_STATUSES)[number]

/** How far ahead citizens may book, in days from today (today is day 0). */
export const BOOKING_DAYS_AHEAD = 14

/** Booking codes: 8 characters without look-alikes (no 0/O, 1/I/L), read out over the phone. */
export const BOOKING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const BOOKING_CODE_LENGTH = 8
export const normaliseBookingCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase()
export const isBookingCode = (code: string) => new RegExp(`^[${BOOKING_CODE_ALPHABET}]{${BOOKING_CODE_LENGTH}}$`).test(code)

const required = (max: number) => v.pipe(v.string(), v.trim(), v.nonEmpty('required'), v.maxLength(max, 'tooLong'))

/** Each field alone, so the page can check a field when it is left. */
export const BookingFieldSchemas = {
  name: required(40),
  mobile: v.pipe(v.string(), v.transform(normaliseMobile), v.nonEmpty('required'), v.check(isMobile, 'mobile.format')),
  idNumber: v.pipe(required(18), v.toUpperCase(), v.rawCheck(({ dataset, addIssue }) => {
    const problem = dataset.typed ? residentIdProblem(dataset.value) : null
    if (problem) addIssue({ message: `residentId.${problem}` })
  })),
}
export type BookingPersonField = keyof typeof BookingFieldSchemas

/**
 * The citizen ticked the consent line under the page's explanation of how their data is used
 * (person.dataUse in the page's messages); anything but `true`, or nothing, is refused with one key.
 */
export const ConsentSchema = v.literal(true, 'booking.consent')

// A missing key's issue is the object's, so its message is chosen here: consent has its own.
const fallbackMessage = (issue: v.BaseIssue<unknown>) =>
  issue.path?.at(-1)?.key === 'consent' ? 'booking.consent' : issue.received === 'undefined' ? 'required' : 'invalid'

export const BookingRequestSchema = v.config(v.strictObject({
  centerId: required(64),
  itemId: required(64),
  date: v.pipe(v.string(), v.check(isCalendarDate, 'booking.date')),
  slotStart: v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'booking.slot')),
  ...BookingFieldSchemas,
  consent: ConsentSchema,
}), { message: fallbackMessage })
export type BookingRequest = v.InferOutput<typeof BookingRequestSchema>

export function validateBooking(input: unknown): { ok: true, value: BookingRequest } | { ok: false, errors: FieldErrors } {
  const result = v.safeParse(BookingRequestSchema, input)
  return result.success ? { ok: true, value: result.output } : { ok: false, errors: fieldErrors(result.issues) }
}

/** The i18n key (under `field.`) of what is wrong with one field, or null when it is fine. */
export function bookingFieldProblem(field: BookingPersonField, value: string): string | null {
  const result = v.safeParse(BookingFieldSchemas[field], value)
  return result.success ? null : result.issues[0].message
}

/**
 * How many places one person may hold, so nobody books a centre's slots for others to sell or
 * blocks them: one active booking per ID number per centre and day (a person needs one visit a
 * day; a second matter is served at the same visit), and at most 3 active bookings per mobile
 * number in any 7 days (a family booking for a parent and children on one phone fits). Active:
 * booked and not yet served, missed or cancelled.
 */
export const PERSON_LIMITS = { perIdNumberCentreDay: 1, perMobile: { max: 3, days: 7 } } as const
export const ACTIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['booked']
/** The limits' numbers for the page's messages (`{max}`, `{days}`), so the words never disagree with the rule. */
export const PERSON_LIMIT_WORDS = { max: PERSON_LIMITS.perMobile.max, days: PERSON_LIMITS.perMobile.days }

/** An active booking as the person limits see it. */
export interface PersonBooking { centerId: string, date: string, idNumber: string, mobile: string }

/** The dates a new booking on `date` shares a 7-day span with: the bookings that may count against the mobile's limit. */
export const mobileLimitSpan = (date: string) => ({ from: addDays(date, 1 - PERSON_LIMITS.perMobile.days), to: addDays(date, PERSON_LIMITS.perMobile.days - 1) })

/**
 * What stops this person booking, given the active bookings of their ID number and mobile number
 * (at least those of mobileLimitSpan): an i18n key per field, empty when nothing does.
 */
export function personLimitProblems(request: Pick<BookingRequest, 'centerId' | 'date' | 'idNumber' | 'mobile'>, active: readonly PersonBooking[]): FieldErrors {
  const fields: FieldErrors = {}
  const sameDay = active.filter(b => b.idNumber === request.idNumber && b.centerId === request.centerId && b.date === request.date)
  if (sameDay.length >= PERSON_LIMITS.perIdNumberCentreDay) fields.idNumber = 'booking.idNumberBooked'
  const { max, days } = PERSON_LIMITS.perMobile
  const dates = active.filter(b => b.mobile === request.mobile).map(b => b.date)
  // Every span of `days` days that holds the new date: none may hold more than `max` bookings with it.
  for (let back = days - 1; back >= 0; back--) {
    const from = addDays(request.date, -back)
    const to = addDays(from, days - 1)
    if (dates.filter(d => d >= from && d <= to).length + 1 > max) {
      fields.mobile = 'booking.mobileLimit'
      break
    }
  }
  return fields
}

/** A service item as the public page shows it. */
export const PublicItemSchema = v.object({
  id: v.string(), code: v.string(), name: v.string(), nameEn: v.string(), department: v.string(), materials: v.array(v.string()),
})
export type PublicItem = v.InferOutput<typeof PublicItemSchema>

/** What the citizen keeps and what a lookup by code + mobile shows: their own booking only, masked. */
export const BookingSummarySchema = v.object({
  code: v.string(),
  status: v.picklist(BOOKING_STATUSES),
  center: v.object({ id: v.string(), name: v.string(), nameEn: v.string() }),
  item: PublicItemSchema,
  date: v.string(),
  slotStart: v.string(),
  slotEnd: v.string(),
  kind: v.picklist(SESSION_KINDS),
  /** Masked: 张*华, 138****5678, 1506**********123X. */
  name: v.string(),
  mobile: v.string(),
  idNumber: v.string(),
  createdAt: v.string(),
})
export type BookingSummary = v.InferOutput<typeof BookingSummarySchema>

/**
 * An error answer of the booking and calendar APIs (the contract's ErrorBody): `fields` holds one
 * i18n key (under `field.`) per bad field, for a form to show under the field; `reason` an i18n key
 * for the whole request (e.g. `booking.full`); `message` says it in English for logs and scripts.
 */
export type { ErrorBody as FieldErrorBody } from './api/route'

/** A slot on the public page: when, which kind of session, and how many places are left. */
export const PublicSlotSchema = v.object({ start: v.string(), end: v.string(), kind: v.picklist(SESSION_KINDS), remaining: v.number() })
export type PublicSlot = v.InferOutput<typeof PublicSlotSchema>

/**
 * A day of the booking window on the public page: its kinds of session (none: closed), a public
 * holiday's name key, and for the chosen item the bookable slots and the places left in them.
 */
export const PublicDaySchema = v.object({
  date: v.string(), kinds: v.array(v.picklist(SESSION_KINDS)), holiday: v.nullable(v.string()), slots: v.number(), remaining: v.number(),
})
export type PublicDay = v.InferOutput<typeof PublicDaySchema>

/** 张三 → 张*, 欧阳娜娜 → 欧**娜: enough for the citizen to recognise, too little for anyone else. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return chars[0] + '*'.repeat(chars.length - 2) + chars.at(-1)
}
