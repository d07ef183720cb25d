import { randomInt } from 'node:crypto'
import type SQLite from 'better-sqlite3'
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH, type BookingRequest } from '../../src/domain/booking'
import { newId } from '../../src/domain/ids'
import { type Slot, centerInstant } from '../../src/domain/service-calendar'
import { type DB, type Database, withSqlite } from '../db/database'
import { reserveSeqs } from '../db/seq'
import { prepared } from '../db/statements'

export type BookingRow = Database['bookings']

const COLUMNS = ['id', 'code', 'center_id', 'item_id', 'date', 'slot_start', 'slot_end', 'kind', 'name', 'mobile', 'id_number', 'status', 'created_at', 'updated_at', 'seq'] as const
const INSERT = `insert into bookings (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`
// Cancelled places are free again; a no-show's place was taken all the same.
const TAKEN = `select count(*) as n from bookings where center_id = ? and date = ? and slot_start = ? and status <> 'cancelled'`

function freshCode(sqlite: SQLite.Database): string {
  for (;;) {
    const code = Array.from({ length: BOOKING_CODE_LENGTH }, () => BOOKING_CODE_ALPHABET[randomInt(BOOKING_CODE_ALPHABET.length)]).join('')
    if (!prepared(sqlite, 'select 1 from bookings where code = ?').get(code)) return code
  }
}

/**
 * Books a place in `slot`, or answers null when its capacity is taken. The count and the insert run
 * in one BEGIN IMMEDIATE transaction on the raw connection, synchronously: no other request of
 * this process runs in between, and another process writing the same file waits for the write
 * lock before it can count, so concurrent requests never book more than the capacity.
 */
export function insertBooking(db: DB, request: BookingRequest, slot: Slot, now = new Date()): Promise<BookingRow | null> {
  return withSqlite(db, sqlite => sqlite.transaction((): BookingRow | null => {
    const taken = prepared(sqlite, TAKEN).get(request.centerId, request.date, slot.start) as { n: number }
    if (taken.n >= slot.capacity) return null
    const at = now.toISOString()
    const row: BookingRow = {
      id: newId(), code: freshCode(sqlite), center_id: request.centerId, item_id: request.itemId, date: request.date,
      slot_start: slot.start, slot_end: slot.end, kind: slot.kind, name: request.name, mobile: request.mobile,
      id_number: request.idNumber, status: 'booked', created_at: at, updated_at: at, seq: reserveSeqs(sqlite, 1),
      case_id: null, version: 1,
    }
    prepared(sqlite, INSERT).run(COLUMNS.map(column => row[column]))
    return row
  }).immediate())
}

/** Taken places per `date slot_start` of a centre over a range of days. */
export async function takenPlaces(db: DB, centerId: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('bookings')
    .select(['date', 'slot_start', eb => eb.fn.countAll<number>().as('n')])
    .where('center_id', '=', centerId).where('date', '>=', from).where('date', '<=', to).where('status', '<>', 'cancelled')
    .groupBy(['date', 'slot_start']).execute()
  return new Map(rows.map(row => [`${row.date} ${row.slot_start}`, Number(row.n)]))
}

/** A booking only for the person who holds both its code and its mobile number. */
export async function findBooking(db: DB, code: string, mobile: string): Promise<BookingRow | null> {
  return await db.selectFrom('bookings').selectAll().where('code', '=', code).where('mobile', '=', mobile).executeTakeFirst() ?? null
}

export type CancelOutcome = { row: BookingRow } | 'notFound' | 'notCancellable'

/** Cancels a booking not yet started; cancelling twice answers the cancelled booking again. */
export function cancelBooking(db: DB, code: string, mobile: string, now = new Date()): Promise<CancelOutcome> {
  return withSqlite(db, sqlite => sqlite.transaction((): CancelOutcome => {
    const row = prepared(sqlite, 'select * from bookings where code = ? and mobile = ?').get(code, mobile) as BookingRow | undefined
    if (!row) return 'notFound'
    if (row.status === 'cancelled') return { row }
    if (row.status !== 'booked' || centerInstant(row.date, row.slot_start) <= now) return 'notCancellable'
    const changed = { ...row, status: 'cancelled', updated_at: now.toISOString(), seq: reserveSeqs(sqlite, 1), version: row.version + 1 }
    prepared(sqlite, 'update bookings set status = ?, updated_at = ?, seq = ?, version = ? where id = ?').run(changed.status, changed.updated_at, changed.seq, changed.version, row.id)
    return { row: changed }
  }).immediate())
}
