import type { Mutation, PushResult } from '../../src/domain/protocol'
import { insertRows, lookup } from '../store/bulk'
import type { ReadTx, WriteTx } from '../store/store'

/**
 * The processed-mutation log behind exactly-once: a mutation id found here is never applied again;
 * its stored result is answered instead.
 */
export interface LoggedMutation { actorId: string, result: PushResult }

/** The logged mutations among `ids`, in one query. */
export async function findLogged(tx: ReadTx, ids: readonly string[]): Promise<Map<string, LoggedMutation>> {
  const rows = await lookup<{ id: string, actor_id: string, result: string }>(tx,
    'select m.id, m.actor_id, m.result from json_each(?) k cross join mutations m on m.id = k.value', ids)
  return new Map(rows.map(row => [row.id, { actorId: row.actor_id, result: JSON.parse(row.result) as PushResult }]))
}

/**
 * What exactly-once needs (the id, its actor, the answer) and what says where a change came from;
 * never the payload: an applied change is in `cases` and the audit trail, and a rejected one is
 * the device's to keep (22 MB of rejected payloads in 3 s from one clerk, before migration 0008).
 */
const COLUMNS = [
  'id', 'device_id', 'actor_id', 'entity', 'entity_id', 'op', 'base_version', 'client_time', 'server_time', 'status', 'result',
] as const

export interface LogEntry { m: Mutation, result: PushResult, serverTime: string }

/** Writes a batch's log entries in their order (one multi-row insert per chunk). */
export async function logMutations(tx: WriteTx, entries: readonly LogEntry[]): Promise<void> {
  await insertRows(tx, 'mutations', COLUMNS, entries.map(({ m, result, serverTime }) => [
    m.id, m.deviceId, m.actorId, m.entity, m.entityId, m.op, m.baseVersion,
    m.clientTime, serverTime, result.status, JSON.stringify(result),
  ]))
}
