import type { Mutation, PushResult } from '../../src/domain/protocol'
import type { DB } from '../db/database'

/**
 * The processed-mutation log behind exactly-once: a mutation id found here is never applied again;
 * its stored result is answered instead.
 */
export interface LoggedMutation { actorId: string, result: PushResult }

export async function findLogged(trx: DB, id: string): Promise<LoggedMutation | undefined> {
  const row = await trx.selectFrom('mutations').select(['actor_id', 'result']).where('id', '=', id).executeTakeFirst()
  return row && { actorId: row.actor_id, result: JSON.parse(row.result) as PushResult }
}

export async function logMutation(trx: DB, m: Mutation, result: PushResult, serverTime: string): Promise<PushResult> {
  await trx.insertInto('mutations').values({
    id: m.id,
    device_id: m.deviceId,
    actor_id: m.actorId,
    entity: m.entity,
    entity_id: m.entityId,
    op: m.op,
    base_version: m.baseVersion,
    payload: JSON.stringify(m.payload),
    client_time: m.clientTime,
    server_time: serverTime,
    status: result.status,
    result: JSON.stringify(result),
  }).execute()
  return result
}
