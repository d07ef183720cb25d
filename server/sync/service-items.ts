import type { ServiceItem } from '../../src/domain/service-item'
import { lookup } from '../store/bulk'
import type { ReadTx } from '../store/store'

/**
 * Parsed catalogue entries, keyed by id and kept while their seq stays the same: every change to
 * an item takes a new seq (pull depends on it), so a new seq is a changed item. A batch still asks
 * the table which items exist and at which seq, in one query. One cache per server (app.ts).
 */
export class ServiceItemCache {
  private readonly parsed = new Map<string, { seq: number, item: ServiceItem }>()

  async load(tx: ReadTx, ids: readonly string[]): Promise<Map<string, ServiceItem>> {
    const rows = await lookup<{ id: string, seq: number, data: string }>(tx,
      'select s.id, s.seq, s.data from json_each(?) k cross join service_items s on s.id = k.value', ids)
    const items = new Map<string, ServiceItem>()
    for (const row of rows) {
      let cached = this.parsed.get(row.id)
      if (cached?.seq !== row.seq) this.parsed.set(row.id, cached = { seq: row.seq, item: JSON.parse(row.data) as ServiceItem })
      items.set(row.id, cached.item)
    }
    return items
  }
}
