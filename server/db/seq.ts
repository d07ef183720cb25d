import type SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import type { DB } from './database'
import { prepared } from './statements'

/**
 * The global change sequence: every change to a case or a service item takes the next number in
 * the same transaction as the change. SQLite runs one write transaction at a time, so seq order is
 * commit order and a pull cursor never skips a change that commits later with a smaller number
 * (a PostgreSQL port needs to keep that property, e.g. by taking the counter row lock first).
 */
export async function nextSeq(trx: DB): Promise<number> {
  const row = await sql<{ value: string }>`update meta set value = cast(value as integer) + 1 where key = 'seq' returning value`
    .execute(trx)
  const value = Number(row.rows[0]?.value)
  if (!Number.isSafeInteger(value)) throw new Error('meta.seq is missing or corrupt')
  return value
}

export async function currentSeq(db: DB): Promise<number> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'seq').executeTakeFirstOrThrow()
  return Number(row.value)
}

/**
 * Takes `count` consecutive numbers at once for a push batch (inside its transaction); returns the
 * first. The batch's applied changes get them in order, so seq order stays commit order.
 */
export function reserveSeqs(sqlite: SQLite.Database, count: number): number {
  const row = prepared(sqlite, `update meta set value = cast(value as integer) + cast(? as integer) where key = 'seq' returning value`)
    .get(count) as { value: number | string } | undefined
  const last = Number(row?.value)
  if (!Number.isSafeInteger(last)) throw new Error('meta.seq is missing or corrupt')
  return last - count + 1
}
