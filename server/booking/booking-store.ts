import { randomInt } from 'node:crypto'
import {
  ACTIVE_BOOKING_STATUSES, BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH, type BookingRequest, type PersonBooking, mobileLimitSpan,
} from '../../src/domain/booking'
import { newId } from '../../src/domain/ids'
import { type Slot, centerInstant } from '../../src/domain/service-calendar'
import type { Database } from '../store/schema'
import { reserveSeqs } from '../store/sequence'
import type { ReadTx, WriteTx } from '../store/store'

export type BookingRow = Database['bookings']

async function freshCode(tx: ReadTx): Promise<string> {
  for (;;) {
    const code = Array.from({ length: BOOKING_CODE_LENGTH }, () => BOOKING_CODE_ALPHABET[randomInt(BOOKING_CODE_ALPHABET.length)]).join('')
    if (!await tx.selectFrom('bookings').select('id').where('code', '=', code).executeTakeFirst()) return code
  }
}

/** Places taken in a slot: cancelled places are free again; a no-show's place was taken all the same. */
async function placesTaken(tx: ReadTx, centerId: string, date: string, slotStart: string): Promise<number> {
  const row = await tx.selectFrom('bookings').select(eb => eb.fn.countAll<number>().as('n'))
    .where('center_id', '=', centerId).where('date', '=', date).where('slot_start', '=', slotStart).where('status', '<>', 'cancelled')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Books a place in `slot`, or answers null when its capacity is taken. The count and the insert
 * run in one write transaction, which is serializable (store.ts): no other booking commits between
 * the count and the insert, so concurrent requests never book more than the capacity.
 */
export async function insertBooking(tx: WriteTx, request: BookingRequest, slot: Slot, now = new Date()): Promise<BookingRow | null> {
  if (await placesTaken(tx, request.centerId, request.date, slot.start) >= slot.capacity) return null
  const at = now.toISOString()
  const row: BookingRow = {
    id: newId(), code: await freshCode(tx), center_id: request.centerId, item_id: request.itemId, date: request.date,
    slot_start: slot.start, slot_end: slot.end, kind: slot.kind, name: request.name, mobile: request.mobile,
    id_number: request.idNumber, status: 'booked', created_at: at, updated_at: at, seq: await reserveSeqs(tx, 1),
    case_id: null, version: 1, consented_at: at,
  }
  await tx.insertInto('bookings').values(row).execute()
  return row
}

/**
 * The active bookings that count against this person's limits (PERSON_LIMITS): their ID number's
 * at the centre that day, and their mobile number's in every 7-day span with the day. Read in the
 * booking's write transaction, so a parallel booking of the same person cannot slip in between.
 */
export async function activeBookingsOfPerson(tx: ReadTx, request: BookingRequest): Promise<PersonBooking[]> {
  const { from, to } = mobileLimitSpan(request.date)
  const rows = await tx.selectFrom('bookings').select(['center_id', 'date', 'id_number', 'mobile'])
    .where('status', 'in', ACTIVE_BOOKING_STATUSES)
    .where(eb => eb.or([
      eb.and([eb('id_number', '=', request.idNumber), eb('center_id', '=', request.centerId), eb('date', '=', request.date)]),
      eb.and([eb('mobile', '=', request.mobile), eb('date', '>=', from), eb('date', '<=', to)]),
    ]))
    .execute()
  return rows.map(row => ({ centerId: row.center_id, date: row.date, idNumber: row.id_number, mobile: row.mobile }))
}

/** Taken places per `date slot_start` of a centre over a range of days. */
export async function takenPlaces(tx: ReadTx, centerId: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await tx.selectFrom('bookings')
    .select(['date', 'slot_start', eb => eb.fn.countAll<number>().as('n')])
    .where('center_id', '=', centerId).where('date', '>=', from).where('date', '<=', to).where('status', '<>', 'cancelled')
    .groupBy(['date', 'slot_start']).execute()
  return new Map(rows.map(row => [`${row.date} ${row.slot_start}`, Number(row.n)]))
}

/** A booking only for the person who holds both its code and its mobile number. */
export async function findBooking(tx: ReadTx, code: string, mobile: string): Promise<BookingRow | null> {
  return await tx.selectFrom('bookings').selectAll().where('code', '=', code).where('mobile', '=', mobile).executeTakeFirst() ?? null
}

export type CancelOutcome = { row: BookingRow } | 'notFound' | 'notCancellable'

/** Cancels a booking not yet started; cancelling twice answers the cancelled booking again. */
export async function cancelBooking(tx: WriteTx, code: string, mobile: string, now = new Date()): Promise<CancelOutcome> {
  const row = await findBooking(tx, code, mobile)
  if (!row) return 'notFound'
  if (row.status === 'cancelled') return { row }
  if (row.status !== 'booked' || centerInstant(row.date, row.slot_start) <= now) return 'notCancellable'
  const changed = { ...row, status: 'cancelled', updated_at: now.toISOString(), seq: await reserveSeqs(tx, 1), version: row.version + 1 }
  await tx.updateTable('bookings').set({ status: changed.status, updated_at: changed.updated_at, seq: changed.seq, version: changed.version })
    .where('id', '=', row.id).execute()
  return { row: changed }
}
