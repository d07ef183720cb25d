import type SQLite from 'better-sqlite3'
import type { ServiceItem } from '../../src/domain/service-item'
import { lookup } from '../db/statements'

/**
 * Parsed catalogue entries per connection, keyed by id and kept while their seq stays the same:
 * every change to an item takes a new seq (pull depends on it), so a new seq is a changed item.
 * A batch still asks the table which items exist and at which seq, in one query.
 */
const caches = new WeakMap<SQLite.Database, Map<string, { seq: number, item: ServiceItem }>>()

export function loadServiceItems(sqlite: SQLite.Database, ids: readonly string[]): Map<string, ServiceItem> {
  let cache = caches.get(sqlite)
  if (!cache) caches.set(sqlite, cache = new Map())
  const rows = lookup<{ id: string, seq: number, data: string }>(sqlite,
    'select s.id, s.seq, s.data from json_each(?) k cross join service_items s on s.id = k.value', ids)
  const items = new Map<string, ServiceItem>()
  for (const row of rows) {
    let cached = cache.get(row.id)
    if (cached?.seq !== row.seq) cache.set(row.id, cached = { seq: row.seq, item: JSON.parse(row.data) as ServiceItem })
    items.set(row.id, cached.item)
  }
  return items
}
