import type { CaseRecord } from '../../src/domain/case'
import type { PulledChange } from '../../src/domain/protocol'
import type { StaffUser } from '../../src/domain/roles'
import type { ServiceItem } from '../../src/domain/service-item'
import type SQLite from 'better-sqlite3'
import type { DB } from '../db/database'
import { prepared } from '../db/statements'
import { appointmentsAfter, toAppointment } from './appointment-rows'

/**
 * Changes after a sequence number, merged from the catalogue and the cases and bookings
 * (appointments, see appointment-rows.ts) the user may see.
 * Each query walks an index on seq ((center_id, seq) for one centre), never the whole table.
 */
export function serviceItemsAfter(db: DB, seq: number, limit: number) {
  return db.selectFrom('service_items').select(['id', 'version', 'seq', 'data'])
    .where('seq', '>', seq).orderBy('seq').limit(limit)
}

export function casesAfter(db: DB, user: StaffUser, seq: number, limit: number) {
  let query = db.selectFrom('cases').select(['id', 'version', 'seq', 'data'])
  // Admins look after every centre; everyone else sees only their own centre's cases.
  if (user.role !== 'admin') query = query.where('center_id', '=', user.centerId)
  return query.where('seq', '>', seq).orderBy('seq').limit(limit)
}

export interface ChangePage { changes: PulledChange[], lastSeq: number, hasMore: boolean }

export async function changesAfter(db: DB, user: StaffUser, seq: number, limit: number): Promise<ChangePage> {
  // One extra row from each side tells whether anything remains after this page.
  const [items, cases, appointments] = await Promise.all([
    serviceItemsAfter(db, seq, limit + 1).execute(),
    casesAfter(db, user, seq, limit + 1).execute(),
    appointmentsAfter(db, user, seq, limit + 1).execute(),
  ])
  const merged = [
    ...items.map(row => ({ seq: row.seq, change: { entity: 'serviceItem', id: row.id, version: row.version, data: JSON.parse(row.data) as ServiceItem } as const })),
    ...cases.map(row => ({ seq: row.seq, change: { entity: 'case', id: row.id, version: row.version, data: JSON.parse(row.data) as CaseRecord } as const })),
    ...appointments.map(row => ({ seq: row.seq, change: { entity: 'appointment', id: row.id, version: row.version, data: toAppointment(row) } as const })),
  ].sort((a, b) => a.seq - b.seq)
  const page = merged.slice(0, limit)
  return { changes: page.map(entry => entry.change), lastSeq: page.at(-1)?.seq ?? seq, hasMore: merged.length > limit }
}

/**
 * Whether the user may see any change with a seq strictly between `after` and `before`: the
 * catalogue, or cases or bookings of their centre (all centres for an admin). A few index probes,
 * inside the caller's transaction.
 */
export function visibleChangeBetween(sqlite: SQLite.Database, user: StaffUser, after: number, before: number): boolean {
  if (before - after <= 1) return false
  const item = prepared(sqlite, 'select 1 from service_items where seq > ? and seq < ? limit 1').get(after, before)
  if (item) return true
  // Cases and bookings (appointments) alike: a booking made meanwhile on the public page must be pulled.
  return ['cases', 'bookings'].some(table => user.role === 'admin'
    ? !!prepared(sqlite, `select 1 from ${table} where seq > ? and seq < ? limit 1`).get(after, before)
    : !!prepared(sqlite, `select 1 from ${table} where center_id = ? and seq > ? and seq < ? limit 1`).get(user.centerId, after, before))
}
