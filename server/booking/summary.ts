import { type BookingStatus, type BookingSummary, type PublicItem, maskName } from '../../src/domain/booking'
import { maskIdNumber, maskPhone } from '../../src/domain/masking'
import type { SessionKind } from '../../src/domain/service-calendar'
import type { ServiceItem } from '../../src/domain/service-item'
import type { ReadTx } from '../store/store'
import type { BookingRow } from './booking-store'

/** An item for citizens: the materials they bring on paper (those fetched as 电子证照 are left out). */
export const publicItem = (item: ServiceItem): PublicItem => ({
  id: item.id, code: item.code, name: item.name, nameEn: item.nameEn, department: item.department,
  materials: item.materials.filter(m => !m.eLicence).map(m => m.name),
})

/** The catalogue in code order (it is small: a few dozen items). */
export async function loadCatalogue(tx: ReadTx): Promise<ServiceItem[]> {
  const rows = await tx.selectFrom('service_items').select('data').orderBy('code').execute()
  return rows.map(row => JSON.parse(row.data) as ServiceItem)
}

/** What the citizen keeps: their booking with name, mobile and ID number masked. */
export async function bookingSummary(tx: ReadTx, row: BookingRow): Promise<BookingSummary> {
  const center = await tx.selectFrom('centers').select(['id', 'name', 'name_en']).where('id', '=', row.center_id).executeTakeFirstOrThrow()
  const item = await tx.selectFrom('service_items').select('data').where('id', '=', row.item_id).executeTakeFirstOrThrow()
  return {
    code: row.code,
    status: row.status as BookingStatus,
    center: { id: center.id, name: center.name, nameEn: center.name_en },
    item: publicItem(JSON.parse(item.data) as ServiceItem),
    date: row.date,
    slotStart: row.slot_start,
    slotEnd: row.slot_end,
    kind: row.kind as SessionKind,
    name: maskName(row.name),
    mobile: maskPhone(row.mobile),
    idNumber: maskIdNumber(row.id_number),
    createdAt: row.created_at,
  }
}
