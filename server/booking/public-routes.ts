import type { FastifyInstance } from 'fastify'
import { isBookingCode, normaliseBookingCode, personLimitProblems } from '../../src/domain/booking'
import { normaliseMobile } from '../../src/domain/mobile'
import { BOOKING_DAYS_AHEAD } from '../../src/domain/booking'
import { loadCalendar, loadHolidays } from '../calendar/calendar-store'
import type { FieldErrors } from '../../src/domain/case'
import type { Handlers } from '../http/api'
import { ApiError, badFields, notFound } from '../http/errors'
import { LIMITS } from '../http/limits'
import { perAddress } from '../http/rate-limit'
import type { ReadTx, Store } from '../store/store'
import { activeBookingsOfPerson, cancelBooking, findBooking, insertBooking, takenPlaces } from './booking-store'
import { type CenterOffer, bookableItems, bookingDays, publicDays, publicSlots, requestedSlot } from './public-offer'
import { bookingSummary, loadCatalogue, publicItem } from './summary'

// One answer for a wrong code and a wrong mobile, so nobody learns whether a code exists.
const NO_BOOKING = 'No booking with this code for this mobile number'

const LIMIT_MESSAGES: Record<string, string> = {
  idNumber: 'This ID number already has a booking at this centre on this day',
  mobile: 'This mobile number already has the most bookings allowed within 7 days',
}

/** 409 naming the field whose limit is reached (PERSON_LIMITS), for the page to show under it. */
function personLimitReached(fields: FieldErrors): ApiError {
  const message = Object.keys(fields).map(field => LIMIT_MESSAGES[field]).join('; ')
  return new ApiError(409, 'CONFLICT', message, { reason: 'booking.personLimit', fields: fields as Record<string, string> })
}

/** The centre's offer at `now`, or 404 for a centre that does not take bookings. */
async function offerOf(tx: ReadTx, centerId: string, now: Date): Promise<CenterOffer> {
  const { version, calendar } = await loadCalendar(tx, centerId)
  if (!version) throw notFound('No service centre takes bookings with this id')
  const days = bookingDays(now)
  return { calendar, now, holidays: await loadHolidays(tx), taken: await takenPlaces(tx, centerId, days[0]!, days.at(-1)!) }
}

/** The code and mobile of a lookup or cancel, normalised; null when they cannot match any booking. */
function credentials(code: string, mobile: string | undefined) {
  const normalised = normaliseBookingCode(code)
  return mobile !== undefined && isBookingCode(normalised) ? { code: normalised, mobile: normaliseMobile(mobile) } : null
}

/**
 * The public booking API (no sign-in), for the page at /book/. It shows centres that have saved a
 * calendar, what they offer and how many places are left; it never shows anything of anyone's
 * booking except to the person holding its code and mobile number. `now` is the server's clock.
 */
export function publicBookingHandlers(store: Store, app: FastifyInstance, now: () => Date = () => new Date()): Pick<Handlers,
  'publicCenters' | 'publicItems' | 'publicDays' | 'publicSlots' | 'book' | 'lookupBooking' | 'cancelBooking'> {
  // Per client address (limits.ts); lookups and cancellations share one count.
  const bookings = perAddress(app, 'booking.perAddress', LIMITS.booking.perAddress)
  const lookups = perAddress(app, 'booking.lookupsPerAddress', LIMITS.booking.lookupsPerAddress)

  return {
    async publicCenters() {
      const centers = await store.read(tx => tx.selectFrom('centers').innerJoin('calendars', 'calendars.center_id', 'centers.id')
        .select(['centers.id', 'centers.code', 'centers.name', 'centers.name_en']).orderBy('centers.code').execute())
      return {
        today: bookingDays(now())[0]!, daysAhead: BOOKING_DAYS_AHEAD,
        centers: centers.map(c => ({ id: c.id, code: c.code, name: c.name, nameEn: c.name_en })),
      }
    },

    publicItems: ({ params, query }) => store.read(async (tx) => {
      const offer = await offerOf(tx, params.id, now())
      const catalogue = await loadCatalogue(tx)
      const ids = new Set(bookableItems(offer, catalogue.map(i => i.id), query.date ?? null))
      return { items: catalogue.filter(i => ids.has(i.id)).map(publicItem) }
    }),

    publicDays: ({ params, query }) => store.read(async tx => ({ days: publicDays(await offerOf(tx, params.id, now()), query.item ?? null) })),

    publicSlots: ({ params, query }) => store.read(async tx => ({
      date: query.date, slots: publicSlots(await offerOf(tx, params.id, now()), query.date, query.item),
    })),

    book: {
      onRequest: bookings,
      async handle({ body: booking }, { request }) {
        const outcome = await store.write(async (tx) => {
          if (!await tx.selectFrom('calendars').select('center_id').where('center_id', '=', booking.centerId).executeTakeFirst()) throw badFields({ centerId: 'booking.center' })
          if (!await tx.selectFrom('service_items').select('id').where('id', '=', booking.itemId).executeTakeFirst()) throw badFields({ itemId: 'booking.item' })
          const found = requestedSlot(await offerOf(tx, booking.centerId, now()), booking)
          if ('fields' in found) throw badFields(found.fields)
          const limited = personLimitProblems(booking, await activeBookingsOfPerson(tx, booking))
          if (Object.keys(limited).length) throw personLimitReached(limited)
          const row = await insertBooking(tx, booking, found.slot, now())
          return row && { row, summary: await bookingSummary(tx, row) }
        })
        if (!outcome) throw new ApiError(409, 'FULL', 'This slot is fully booked; choose another slot', { reason: 'booking.full' })
        request.log.info({ center: outcome.row.center_id, date: outcome.row.date, slot: outcome.row.slot_start }, 'booking made')
        return { code: outcome.row.code, summary: outcome.summary }
      },
    },

    lookupBooking: {
      onRequest: lookups,
      async handle({ params, query }) {
        const given = credentials(params.code, query.mobile)
        const summary = given && await store.read(async (tx) => {
          const row = await findBooking(tx, given.code, given.mobile)
          return row && bookingSummary(tx, row)
        })
        if (!summary) throw notFound(NO_BOOKING)
        return { summary }
      },
    },

    cancelBooking: {
      onRequest: lookups,
      async handle({ params, body }) {
        const given = credentials(params.code, body.mobile)
        const outcome = given
          ? await store.write(async (tx) => {
              const cancelled = await cancelBooking(tx, given.code, given.mobile, now())
              return typeof cancelled === 'string' ? cancelled : { summary: await bookingSummary(tx, cancelled.row) }
            })
          : 'notFound'
        if (outcome === 'notFound') throw notFound(NO_BOOKING)
        if (outcome === 'notCancellable') {
          throw new ApiError(409, 'NOT_CANCELLABLE', 'This booking has started, been served or been marked as missed; it cannot be cancelled', { reason: 'booking.notCancellable' })
        }
        return outcome
      },
    },
  }
}
