import type { Ref } from 'vue'
import { db } from '../db/db'
import type { ServiceItem } from '../domain'
import { useLiveQuery } from './use-live-query'

/** The service catalogue as pulled to this device, in catalogue order; live. */
export function useCatalogue(): Ref<ServiceItem[]> {
  return useLiveQuery(() => db.serviceItems.orderBy('code').toArray(), [] as ServiceItem[])
}

/** Items whose name (zh or en), code or department contains the query; the catalogue is small. */
export function filterCatalogue(items: ServiceItem[], query: string): ServiceItem[] {
  const q = query.trim().toLowerCase()
  if (!q) return items
  return items.filter(item => [item.name, item.nameEn, item.code, item.department].some(s => s.toLowerCase().includes(q)))
}
