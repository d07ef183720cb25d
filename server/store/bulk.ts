import { CompiledQuery } from 'kysely'
import type { ReadTx, WriteTx } from './store'

/**
 * Set-based statements for the push batch: a batch runs a handful of statements whatever its size.
 * Their SQL is written out (not built by Kysely's query builder) so each size's text is the same
 * every time and stays prepared; it is also the only SQLite-specific SQL outside the migrations
 * (`?` placeholders, `json_each`), the part a PostgreSQL store writes its own way.
 */

/** SQLite's limit on bound parameters in one statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32). */
export const MAX_VARIABLES = 32766
/** The largest multi-row statement made; bigger sets are split. */
const MAX_ROWS = 256

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
async function runChunked(tx: WriteTx, columns: number, rows: readonly (readonly unknown[])[], sqlFor: (values: string) => string): Promise<number> {
  let changed = 0
  let offset = 0
  for (const size of chunkSizes(rows.length, columns)) {
    const result = await tx.executeQuery(CompiledQuery.raw(sqlFor(placeholders(columns, size)), rows.slice(offset, offset + size).flat()))
    changed += Number(result.numAffectedRows ?? 0)
    offset += size
  }
  return changed
}

/** Multi-row INSERT of `rows`, in their order (so rowid order is row order). */
export function insertRows(tx: WriteTx, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<number> {
  return runChunked(tx, columns.length, rows, values => `insert into ${table} (${columns.join(', ')}) values ${values}`)
}

/**
 * Multi-row UPDATE: each row is `key, ...set columns, guard`; a row changes only where the table's
 * `key` and `guard` column match (e.g. the version it was read at). Returns how many rows changed.
 */
export function updateRows(tx: WriteTx, table: string, key: string, set: readonly string[], guard: string, rows: readonly (readonly unknown[])[]): Promise<number> {
  const names = [key, ...set, `guard_${guard}`]
  return runChunked(tx, names.length, rows, values => `with v(${names.join(', ')}) as (values ${values}) `
    + `update ${table} set ${set.map(column => `${column} = v.${column}`).join(', ')} `
    + `from v where ${table}.${key} = v.${key} and ${table}.${guard} = v.guard_${guard}`)
}

/**
 * The rows of a lookup by many keys in one statement: `sql` reads the keys as `json_each(?)`
 * (e.g. `select … from json_each(?) k cross join t on t.id = k.value`, which walks t's index once
 * per key), so any number of keys binds one parameter.
 */
export async function lookup<T>(tx: ReadTx, sql: string, keys: readonly string[]): Promise<T[]> {
  if (keys.length === 0) return []
  return (await tx.executeQuery<T>(CompiledQuery.raw(sql, [JSON.stringify(keys)]))).rows as T[]
}

/** One fixed statement's rows (the push's probes and small reads that the query builder would rebuild each time). */
export async function query<T>(tx: ReadTx, sql: string, parameters: readonly unknown[] = []): Promise<T[]> {
  return (await tx.executeQuery<T>(CompiledQuery.raw(sql, [...parameters]))).rows as T[]
}
