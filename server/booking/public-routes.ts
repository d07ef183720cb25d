import type { FastifyInstance, FastifyRequest } from 'fastify'
import { BOOKING_DAYS_AHEAD, type FieldErrorBody, isBookingCode, normaliseBookingCode, validateBooking } from '../../src/domain/booking'
import { normaliseMobile } from '../../src/domain/mobile'
import { isCalendarDate } from '../../src/domain/service-calendar'
import { loadCalendar, loadHolidays } from '../calendar/calendar-store'
import { sendFieldErrors } from '../calendar/field-errors'
import type { DB } from '../db/database'
import { ApiError, notFound } from '../http-errors'
import { findBooking, cancelBooking, insertBooking, takenPlaces } from './booking-store'
import { type CenterOffer, bookableItems, bookingDays, publicDays, publicSlots, requestedSlot } from './public-offer'
import { RequestRateLimit } from './rate-limit'
import { bookingSummary, loadCatalogue, publicItem } from './summary'

/** Bookings per client address per hour; lookups and cancellations per address per 10 minutes. */
export const BOOKINGS_PER_HOUR = 10
export const LOOKUPS_PER_10_MIN = 30

// One answer for a wrong code and a wrong mobile, so nobody learns whether a code exists.
const NO_BOOKING = 'No booking with this code for this mobile number'

/**
 * The public booking API (no sign-in), for the page at /book/. It shows centres that have saved a
 * calendar, what they offer and how many places are left; it never shows anything of anyone's
 * booking except to the person holding its code and mobile number.
 */
export function publicBookingRoutes(db: DB, clock: () => Date = () => new Date()) {
  return async (app: FastifyInstance) => {
    const bookLimit = new RequestRateLimit(BOOKINGS_PER_HOUR, 60 * 60_000)
    const lookupLimit = new RequestRateLimit(LOOKUPS_PER_10_MIN, 10 * 60_000)
    const throttle = (limit: RequestRateLimit, request: FastifyRequest) => {
      const wait = limit.take(request.ip)
      if (wait) throw new ApiError(429, 'TOO_MANY_REQUESTS', `Too many requests from this address; try again in ${wait} s`, { 'Retry-After': String(wait) })
    }

    /** The centre's offer now, or 404 for a centre that does not take bookings. */
    async function offerOf(centerId: string): Promise<CenterOffer> {
      const { version, calendar } = await loadCalendar(db, centerId)
      if (!version) throw notFound('No service centre takes bookings with this id')
      const now = clock()
      const days = bookingDays(now)
      return { calendar, now, holidays: await loadHolidays(db), taken: await takenPlaces(db, centerId, days[0]!, days.at(-1)!) }
    }
    const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>
    const centerParam = (request: FastifyRequest) => (request.params as { id: string }).id

    app.get('/api/public/centers', async (_request, reply) => {
      const centers = await db.selectFrom('centers').innerJoin('calendars', 'calendars.center_id', 'centers.id')
        .select(['centers.id', 'centers.code', 'centers.name', 'centers.name_en']).orderBy('centers.code').execute()
      return reply.send({
        today: bookingDays(clock())[0], daysAhead: BOOKING_DAYS_AHEAD,
        centers: centers.map(c => ({ id: c.id, code: c.code, name: c.name, nameEn: c.name_en })),
      })
    })

    app.get('/api/public/centers/:id/items', async (request, reply) => {
      const { date } = query(request)
      if (date !== undefined && !isCalendarDate(date)) return sendFieldErrors(reply, { date: 'booking.date' })
      const offer = await offerOf(centerParam(request))
      const catalogue = await loadCatalogue(db)
      const ids = new Set(bookableItems(offer, catalogue.map(i => i.id), date ?? null))
      return reply.send({ items: catalogue.filter(i => ids.has(i.id)).map(publicItem) })
    })

    app.get('/api/public/centers/:id/days', async (request, reply) => {
      const offer = await offerOf(centerParam(request))
      return reply.send({ days: publicDays(offer, query(request).item ?? null) })
    })

    app.get('/api/public/centers/:id/slots', async (request, reply) => {
      const { date, item } = query(request)
      const fields = { ...(date && isCalendarDate(date) ? {} : { date: 'booking.date' }), ...(item ? {} : { item: 'required' }) }
      if (Object.keys(fields).length) return sendFieldErrors(reply, fields)
      const offer = await offerOf(centerParam(request))
      return reply.send({ date, slots: publicSlots(offer, date!, item!) })
    })

    app.post('/api/public/bookings', { bodyLimit: 4096 }, async (request, reply) => {
      throttle(bookLimit, request)
      const checked = validateBooking(request.body ?? {})
      if (!checked.ok) return sendFieldErrors(reply, checked.errors)
      const booking = checked.value
      const center = await db.selectFrom('calendars').select('center_id').where('center_id', '=', booking.centerId).executeTakeFirst()
      if (!center) return sendFieldErrors(reply, { centerId: 'booking.center' })
      const item = await db.selectFrom('service_items').select('id').where('id', '=', booking.itemId).executeTakeFirst()
      if (!item) return sendFieldErrors(reply, { itemId: 'booking.item' })
      const found = requestedSlot(await offerOf(booking.centerId), booking)
      if ('fields' in found) return sendFieldErrors(reply, found.fields)
      const row = await insertBooking(db, booking, found.slot)
      if (!row) {
        return reply.code(409).send({ error: 'FULL', reason: 'booking.full', message: 'This slot is fully booked; choose another slot' } satisfies FieldErrorBody)
      }
      request.log.info({ center: row.center_id, date: row.date, slot: row.slot_start }, 'booking made')
      return reply.code(201).send({ code: row.code, summary: await bookingSummary(db, row) })
    })

    /** The code and mobile of a lookup or cancel, normalised; null when they cannot match any booking. */
    const credentials = (request: FastifyRequest, mobile: unknown) => {
      const code = normaliseBookingCode((request.params as { code: string }).code)
      return typeof mobile === 'string' && isBookingCode(code) ? { code, mobile: normaliseMobile(mobile) } : null
    }

    app.get('/api/public/bookings/:code', async (request, reply) => {
      throttle(lookupLimit, request)
      const given = credentials(request, query(request).mobile)
      const row = given && await findBooking(db, given.code, given.mobile)
      if (!row) throw notFound(NO_BOOKING)
      return reply.send({ summary: await bookingSummary(db, row) })
    })

    app.post('/api/public/bookings/:code/cancel', { bodyLimit: 1024 }, async (request, reply) => {
      throttle(lookupLimit, request)
      const given = credentials(request, (request.body as { mobile?: unknown } | null)?.mobile)
      const outcome = given ? await cancelBooking(db, given.code, given.mobile) : 'notFound'
      if (outcome === 'notFound') throw notFound(NO_BOOKING)
      if (outcome === 'notCancellable') {
        return reply.code(409).send({ error: 'NOT_CANCELLABLE', reason: 'booking.notCancellable', message: 'This booking has started, been served or been marked as missed; it cannot be cancelled' } satisfies FieldErrorBody)
      }
      return reply.send({ summary: await bookingSummary(db, outcome.row) })
    })
  }
}
