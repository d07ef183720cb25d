import { sql } from 'kysely'
import type { DB } from './database'

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
