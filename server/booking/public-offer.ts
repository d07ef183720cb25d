import { BOOKING_DAYS_AHEAD, type BookingRequest, type PublicDay, type PublicSlot } from '../../src/domain/booking'
import type { FieldErrors } from '../../src/domain/case'
import {
  type HolidayLookup, type ServiceCalendar, type Slot, addDays, centerClock, daySchedule, offersItem, slotsOn, toMinutes,
} from '../../src/domain/service-calendar'

/** What citizens may book at a centre, from its calendar and the official one, as of `now`. */
export interface CenterOffer {
  calendar: ServiceCalendar
  holidays: HolidayLookup
  now: Date
  /** Taken places per `date slot_start`. */
  taken: ReadonlyMap<string, number>
}

/** Today and the next days in the centre's zone: the days a booking may be for. */
export function bookingDays(now: Date): string[] {
  const today = centerClock(now).date
  return Array.from({ length: BOOKING_DAYS_AHEAD }, (_, i) => addDays(today, i))
}

/** Slots open to online booking on `date`: some capacity, not started yet. */
export function bookableSlots({ calendar, holidays, now }: CenterOffer, date: string): Slot[] {
  const clock = centerClock(now)
  return slotsOn(calendar, holidays, date)
    .filter(slot => slot.capacity > 0 && (date > clock.date || (date === clock.date && toMinutes(slot.start) > clock.minutes)))
}

const remaining = (offer: CenterOffer, date: string, slot: Slot) =>
  Math.max(0, slot.capacity - (offer.taken.get(`${date} ${slot.start}`) ?? 0))

/** The item's slots on `date` with the places left (full ones included, so the page can say so). */
export function publicSlots(offer: CenterOffer, date: string, itemId: string): PublicSlot[] {
  return bookableSlots(offer, date).filter(slot => offersItem(slot, itemId))
    .map(slot => ({ start: slot.start, end: slot.end, kind: slot.kind, remaining: remaining(offer, date, slot) }))
}

/** The booking window day by day: the session kinds, a holiday's name, and the places left for the item. */
export function publicDays(offer: CenterOffer, itemId: string | null): PublicDay[] {
  return bookingDays(offer.now).map((date) => {
    const { periods, holiday } = daySchedule(offer.calendar, offer.holidays, date)
    const slots = bookableSlots(offer, date).filter(slot => itemId === null || offersItem(slot, itemId))
    return {
      date,
      kinds: [...new Set(periods.map(p => p.kind))],
      holiday: holiday?.kind === 'holiday' ? holiday.name : null,
      slots: slots.length,
      remaining: slots.reduce((sum, slot) => sum + remaining(offer, date, slot), 0),
    }
  })
}

/** Of the catalogue's ids, those bookable on `date` (or on any day of the window when null). */
export function bookableItems(offer: CenterOffer, itemIds: readonly string[], date: string | null): string[] {
  const days = bookingDays(offer.now).filter(day => date === null || day === date)
  const slots = days.flatMap(day => bookableSlots(offer, day))
  return itemIds.filter(id => slots.some(slot => offersItem(slot, id)))
}

/** The slot a request asks for, or what is wrong with the request's date, slot or item. */
export function requestedSlot(offer: CenterOffer, request: BookingRequest): { slot: Slot } | { fields: FieldErrors } {
  if (!bookingDays(offer.now).includes(request.date)) return { fields: { date: 'booking.window' } }
  if (!slotsOn(offer.calendar, offer.holidays, request.date).length) return { fields: { date: 'booking.closed' } }
  const slot = bookableSlots(offer, request.date).find(s => s.start === request.slotStart)
  if (!slot) return { fields: { slotStart: 'booking.slot' } }
  if (!offersItem(slot, request.itemId)) return { fields: { itemId: 'booking.itemNotOffered' } }
  return { slot }
}
