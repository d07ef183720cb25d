import { sql } from 'kysely'
import type { Appointment } from '../../src/domain/appointment'
import type { BookingStatus } from '../../src/domain/booking'
import type { StaffUser } from '../../src/domain/roles'
import type { SessionKind } from '../../src/domain/service-calendar'
import { lookup, updateRows } from '../store/bulk'
import { inCentersOf } from '../store/center-scope'
import type { Database } from '../store/schema'
import type { ReadTx, WriteTx } from '../store/store'

/**
 * Citizens' bookings (the `bookings` table of server/booking) as the staff's appointments: read for
 * the pull and for a push batch, written back when a check-in or a no-show changes one.
 */
type AppointmentRow = Database['bookings'] & { item_name: string | null }

export const toAppointment = (row: AppointmentRow): Appointment => ({
  id: row.id, code: row.code, centerId: row.center_id, itemId: row.item_id, itemName: row.item_name ?? '',
  date: row.date, slotStart: row.slot_start, slotEnd: row.slot_end, kind: row.kind as SessionKind,
  name: row.name, mobile: row.mobile, idNumber: row.id_number, status: row.status as BookingStatus,
  caseId: row.case_id, version: row.version, updatedAt: row.updated_at,
})

/** Bookings after `seq` the user may see: their centre's ((center_id, seq) index), every centre's for an admin (seq index). */
export function appointmentsAfter(tx: ReadTx, user: StaffUser, seq: number, limit: number) {
  const query = tx.selectFrom('bookings')
    .leftJoin('service_items', 'service_items.id', 'bookings.item_id')
    .selectAll('bookings')
    .select(sql<string | null>`service_items.data ->> '$.name'`.as('item_name'))
  return inCentersOf(query, 'bookings.center_id', user).where('bookings.seq', '>', seq).orderBy('bookings.seq').limit(limit)
}

/** The stored appointments among `ids`, in one query. */
export async function loadAppointments(tx: ReadTx, ids: readonly string[]): Promise<Map<string, Appointment>> {
  const rows = await lookup<AppointmentRow>(tx, `select b.*, s.data ->> '$.name' as item_name
    from json_each(?) k cross join bookings b on b.id = k.value left join service_items s on s.id = b.item_id`, ids)
  return new Map(rows.map(row => [row.id, toAppointment(row)]))
}

/** An appointment as a batch leaves it, with the version it had in the table. */
export interface AppointmentWrite { next: Appointment, seq: number, storedVersion: number }

/** Writes the batch's changed appointments, each guarded by the version it was read at. */
export async function saveAppointments(tx: WriteTx, writes: readonly AppointmentWrite[]): Promise<void> {
  const changed = await updateRows(tx, 'bookings', 'id', ['status', 'case_id', 'version', 'seq', 'updated_at'], 'version',
    writes.map(w => [w.next.id, w.next.status, w.next.caseId, w.next.version, w.seq, w.next.updatedAt, w.storedVersion]))
  if (changed !== writes.length) throw new Error('A booking changed while its batch was being applied')
}
