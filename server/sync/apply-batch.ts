import type { Mutation, PushResult } from '../../src/domain/protocol'
import type { StaffUser } from '../../src/domain/roles'
import type { DB } from '../db/database'
import { answerWithoutApplying, applyNewMutation, followEarlierFailure } from './apply-mutation'

/** The time recorded for a change: the server's clock (the demo seed replays a past day instead). */
export type Clock = (m: Mutation) => string
const serverTime: Clock = () => new Date().toISOString()

/**
 * Processes mutations in order against one open transaction. An entity whose earlier mutation in
 * the batch ended in conflict or rejection answers the same for its later ones, unlogged, so they
 * can be pushed again once the person has resolved the first.
 */
export async function processMutations(trx: DB, actorOf: (m: Mutation) => StaffUser, mutations: readonly Mutation[], clock: Clock = serverTime): Promise<PushResult[]> {
  const failed = new Map<string, PushResult>()
  const results: PushResult[] = []
  for (const m of mutations) {
    const earlier = failed.get(m.entityId)
    const result = await answerWithoutApplying(trx, actorOf(m), m)
      ?? (earlier ? followEarlierFailure(m, earlier) : await applyNewMutation(trx, actorOf(m), m, clock(m)))
    if ((result.status === 'conflict' || result.status === 'rejected') && !earlier) failed.set(m.entityId, result)
    results.push(result)
  }
  return results
}

/** A pushed batch: all of it in ONE transaction, so a failure mid-way leaves nothing applied. */
export function applyBatch(db: DB, actor: StaffUser, mutations: readonly Mutation[]): Promise<PushResult[]> {
  return db.transaction().execute(trx => processMutations(trx, () => actor, mutations))
}
