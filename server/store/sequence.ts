import { sql } from 'kysely'
import type { ReadTx, WriteTx } from './store'

/**
 * The global change sequence: every change to a case, a booking or a service item takes the next
 * number in the same transaction as the change. Write transactions run one at a time (store.ts),
 * so seq order is commit order and a pull cursor never skips a change that commits later with a
 * smaller number (a store with concurrent writers must keep that property).
 */

/**
 * Takes `count` consecutive numbers at once (a push batch takes one per applied change); returns
 * the first. The batch's applied changes get them in order, so seq order stays commit order.
 */
export async function reserveSeqs(tx: WriteTx, count: number): Promise<number> {
  const { rows } = await sql<{ value: number | string }>`update meta set value = cast(value as integer) + ${count} where key = 'seq' returning value`.execute(tx)
  const last = Number(rows[0]?.value)
  if (!Number.isSafeInteger(last)) throw new Error('meta.seq is missing or corrupt')
  return last - count + 1
}

export async function currentSeq(tx: ReadTx): Promise<number> {
  const row = await tx.selectFrom('meta').select('value').where('key', '=', 'seq').executeTakeFirstOrThrow()
  return Number(row.value)
}
