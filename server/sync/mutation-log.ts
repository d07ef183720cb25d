import type SQLite from 'better-sqlite3'
import type { Mutation, PushResult } from '../../src/domain/protocol'
import { insertRows, lookup } from '../db/statements'

/**
 * The processed-mutation log behind exactly-once: a mutation id found here is never applied again;
 * its stored result is answered instead.
 */
export interface LoggedMutation { actorId: string, result: PushResult }

/** The logged mutations among `ids`, in one query. */
export function findLogged(sqlite: SQLite.Database, ids: readonly string[]): Map<string, LoggedMutation> {
  const rows = lookup<{ id: string, actor_id: string, result: string }>(sqlite,
    'select m.id, m.actor_id, m.result from json_each(?) k cross join mutations m on m.id = k.value', ids)
  return new Map(rows.map(row => [row.id, { actorId: row.actor_id, result: JSON.parse(row.result) as PushResult }]))
}

const COLUMNS = [
  'id', 'device_id', 'actor_id', 'entity', 'entity_id', 'op', 'base_version', 'payload', 'client_time', 'server_time', 'status', 'result',
] as const

export interface LogEntry { m: Mutation, result: PushResult, serverTime: string }

/** Writes a batch's log entries in their order (one multi-row insert per chunk). */
export function logMutations(sqlite: SQLite.Database, entries: readonly LogEntry[]): void {
  insertRows(sqlite, 'mutations', COLUMNS, entries.map(({ m, result, serverTime }) => [
    m.id, m.deviceId, m.actorId, m.entity, m.entityId, m.op, m.baseVersion, JSON.stringify(m.payload),
    m.clientTime, serverTime, result.status, JSON.stringify(result),
  ]))
}
