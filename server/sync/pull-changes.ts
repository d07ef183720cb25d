import { sql } from 'kysely'
import type { CaseRecord } from '../../src/domain/case'
import type { PulledChange } from '../../src/domain/protocol'
import type { StaffUser } from '../../src/domain/roles'
import type { ServiceItem } from '../../src/domain/service-item'
import { inCentersOf } from '../store/center-scope'
import type { ReadTx } from '../store/store'
import { appointmentsAfter, toAppointment } from './appointment-rows'

/**
 * Changes after a sequence number, merged from the catalogue and the cases and bookings
 * (appointments, see appointment-rows.ts) the user may see.
 * Each query walks an index on seq ((center_id, seq) for one centre), never the whole table.
 */
export function serviceItemsAfter(tx: ReadTx, seq: number, limit: number) {
  return tx.selectFrom('service_items').select(['id', 'version', 'seq', 'data'])
    .where('seq', '>', seq).orderBy('seq').limit(limit)
}

export function casesAfter(tx: ReadTx, user: StaffUser, seq: number, limit: number) {
  return inCentersOf(tx.selectFrom('cases').select(['id', 'version', 'seq', 'data']), 'center_id', user)
    .where('seq', '>', seq).orderBy('seq').limit(limit)
}

export interface ChangePage { changes: PulledChange[], lastSeq: number, hasMore: boolean }

/**
 * A page of changes. The three reads must see the same snapshot (a read transaction): a booking
 * committed between them could otherwise fall behind the page's last seq and never be pulled.
 */
export async function changesAfter(tx: ReadTx, user: StaffUser, seq: number, limit: number): Promise<ChangePage> {
  // One extra row from each side tells whether anything remains after this page.
  const items = await serviceItemsAfter(tx, seq, limit + 1).execute()
  const cases = await casesAfter(tx, user, seq, limit + 1).execute()
  const appointments = await appointmentsAfter(tx, user, seq, limit + 1).execute()
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
export async function visibleChangeBetween(tx: ReadTx, user: StaffUser, after: number, before: number): Promise<boolean> {
  if (before - after <= 1) return false
  const item = await tx.selectFrom('service_items').select(sql<number>`1`.as('one')).where('seq', '>', after).where('seq', '<', before).limit(1).executeTakeFirst()
  if (item) return true
  // Cases and bookings (appointments) alike: a booking made meanwhile on the public page must be pulled.
  for (const table of ['cases', 'bookings'] as const) {
    const found = await inCentersOf(tx.selectFrom(table).select(sql<number>`1`.as('one')), 'center_id', user)
      .where('seq', '>', after).where('seq', '<', before).limit(1).executeTakeFirst()
    if (found) return true
  }
  return false
}
