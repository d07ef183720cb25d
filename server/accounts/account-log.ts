import type { AccountAction, AccountEvent } from '../../src/domain/staff-account'
import type { ReadTx, WriteTx } from '../store/store'

/**
 * The account log (account_events): append-only (triggers refuse UPDATE and DELETE), written in
 * the same transaction as the change it records, with the server's time. It says who changed what
 * of whose account, each field before and after; passwords and hashes are never in it (a reset or
 * change of password is recorded as the action alone).
 */
export type FieldChanges = Record<string, { before: unknown, after: unknown }>

/** The fields of `after` that differ from `before`. */
export function changedFields<T extends object>(before: T | null, after: T, keys: readonly (keyof T & string)[]): FieldChanges {
  const changes: FieldChanges = {}
  for (const key of keys) {
    const from = before ? before[key] : null
    if (JSON.stringify(from) !== JSON.stringify(after[key])) changes[key] = { before: from, after: after[key] }
  }
  return changes
}

export async function recordAccountEvent(tx: WriteTx, event: { actorId: string, targetId: string, action: AccountAction, changes?: FieldChanges }, now = new Date()) {
  await tx.insertInto('account_events').values({
    at: now.toISOString(), actor_id: event.actorId, target_id: event.targetId, action: event.action, changes: JSON.stringify(event.changes ?? {}),
  }).execute()
}

export async function readAccountEvents(tx: ReadTx, opts: { targetId?: string, limit: number }): Promise<AccountEvent[]> {
  let query = tx.selectFrom('account_events as e')
    .leftJoin('users as actor', 'actor.id', 'e.actor_id')
    .leftJoin('users as target', 'target.id', 'e.target_id')
    .select(['e.id', 'e.at', 'e.actor_id', 'e.target_id', 'e.action', 'e.changes', 'actor.name as actorName', 'target.username as targetUsername'])
    .orderBy('e.id', 'desc').limit(opts.limit)
  if (opts.targetId) query = query.where('e.target_id', '=', opts.targetId)
  return (await query.execute()).map(row => ({
    id: row.id, at: row.at, actorId: row.actor_id, actorName: row.actorName ?? '', targetId: row.target_id,
    targetUsername: row.targetUsername ?? '', action: row.action as AccountAction, changes: JSON.parse(row.changes) as FieldChanges,
  }))
}
