import type SQLite from 'better-sqlite3'

/**
 * Prepared statements for the push's set-based path, straight on better-sqlite3: a batch runs a
 * handful of statements whatever its size, each prepared once per connection and kept.
 */

/** SQLite's limit on bound parameters in one statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32). */
export const MAX_VARIABLES = 32766
/** The largest multi-row statement made; bigger sets are split. */
const MAX_ROWS = 256

const caches = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>()

/** The statement for `sql` on this connection, prepared on first use. Only for a fixed set of SQL texts. */
export function prepared(sqlite: SQLite.Database, sql: string): SQLite.Statement {
  let cache = caches.get(sqlite)
  if (!cache) caches.set(sqlite, cache = new Map())
  let statement = cache.get(sql)
  if (!statement) cache.set(sql, statement = sqlite.prepare(sql))
  return statement
}

/**
 * Splits `rows` rows of `columns` values into chunks whose sizes are powers of two (100 = 64 + 32 + 4),
 * none binding more than MAX_VARIABLES values: a table needs at most nine statements whatever the
 * batch sizes, so they all stay prepared.
 */
export function chunkSizes(rows: number, columns: number): number[] {
  let largest = 1
  while (largest * 2 <= Math.min(MAX_ROWS, Math.floor(MAX_VARIABLES / columns))) largest *= 2
  const sizes: number[] = []
  for (let left = rows, size = largest; left > 0; size /= 2) {
    while (left >= size) { sizes.push(size); left -= size }
  }
  return sizes
}

const placeholders = (columns: number, rows: number) =>
  Array.from({ length: rows }, () => `(${Array.from({ length: columns }, () => '?').join(', ')})`).join(', ')

/** Runs a multi-row statement over `rows` (each in column order), chunk by chunk; returns the rows changed. */
function runChunked(sqlite: SQLite.Database, columns: number, rows: readonly (readonly unknown[])[], sqlFor: (values: string) => string): number {
  let changed = 0
  let offset = 0
  for (const size of chunkSizes(rows.length, columns)) {
    const statement = prepared(sqlite, sqlFor(placeholders(columns, size)))
    changed += statement.run(rows.slice(offset, offset + size).flat()).changes
    offset += size
  }
  return changed
}

/** Multi-row INSERT of `rows`, in their order (so rowid order is row order). */
export function insertRows(sqlite: SQLite.Database, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): number {
  return runChunked(sqlite, columns.length, rows, values => `insert into ${table} (${columns.join(', ')}) values ${values}`)
}

/**
 * Multi-row UPDATE: each row is `key, ...set columns, guard`; a row changes only where the table's
 * `key` and `guard.column` match (e.g. the version it was read at). Returns how many rows changed.
 */
export function updateRows(sqlite: SQLite.Database, table: string, key: string, set: readonly string[], guard: string, rows: readonly (readonly unknown[])[]): number {
  const names = [key, ...set, `guard_${guard}`]
  return runChunked(sqlite, names.length, rows, values => `with v(${names.join(', ')}) as (values ${values}) `
    + `update ${table} set ${set.map(column => `${column} = v.${column}`).join(', ')} `
    + `from v where ${table}.${key} = v.${key} and ${table}.${guard} = v.guard_${guard}`)
}

/**
 * The rows of a lookup by many keys in one statement: `sql` reads the keys as `json_each(?)`
 * (e.g. `select … from json_each(?) k cross join t on t.id = k.value`, which walks t's index once
 * per key), so any number of keys binds one parameter.
 */
export function lookup<T>(sqlite: SQLite.Database, sql: string, keys: readonly string[]): T[] {
  if (keys.length === 0) return []
  return prepared(sqlite, sql).all(JSON.stringify(keys)) as T[]
}
