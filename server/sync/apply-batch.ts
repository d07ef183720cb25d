import type { Mutation, PushResult } from '../../src/domain/protocol'
import type { StaffUser } from '../../src/domain/roles'
import type { Store, WriteTx } from '../store/store'
import { type Arrival, answerWithoutApplying, applyNewMutation, followEarlierFailure } from './apply-mutation'
import { visibleChangeBetween } from './pull-changes'
import { PushBatch, type Written } from './push-batch'
import type { ServiceItemCache } from './service-items'

/** The time recorded for a change and the device clock's error: the server's clock (the demo seed replays a past day instead). */
export type Clock = (m: Mutation) => Arrival

export interface BatchOutcome extends Written { results: PushResult[] }

/**
 * Judges mutations in order and writes the outcome, inside the caller's write transaction: the
 * batch's reads up front, each mutation judged against them (and the batch's own earlier changes),
 * the writes at the end. An entity whose earlier mutation in the batch ended in conflict or
 * rejection answers the same for its later ones, unlogged, so they can be pushed again once the
 * person has resolved the first. The transaction is serializable (store.ts): nothing the batch
 * read changes before it commits.
 */
export async function processMutations(
  tx: WriteTx, catalogue: ServiceItemCache, actorOf: (m: Mutation) => StaffUser, mutations: readonly Mutation[], clock: Clock, auditKey: Buffer,
): Promise<BatchOutcome> {
  const batch = await PushBatch.load(tx, mutations, catalogue)
  const failed = new Map<string, PushResult>()
  const results: PushResult[] = []
  for (const m of mutations) {
    const earlier = failed.get(m.entityId)
    const result = answerWithoutApplying(batch, actorOf(m), m)
      ?? (earlier ? followEarlierFailure(m, earlier) : applyNewMutation(batch, actorOf(m), m, clock(m)))
    if ((result.status === 'conflict' || result.status === 'rejected') && !earlier) failed.set(m.entityId, result)
    results.push(result)
  }
  return { results, ...await batch.flush(tx, auditKey) }
}

export interface PushOutcome extends BatchOutcome {
  /** Set when the device's pull cursor (`pulledUpTo`) can move to this seq: see push.ts. */
  pullCursorSeq?: number
}

/**
 * A pushed batch: all of it in ONE write transaction, so a failure mid-way leaves nothing applied.
 * With `pulledUpTo` (the seq of the device's pull cursor) it also tells, inside the same
 * transaction, whether the batch's changes are the only changes this user may see after that cursor.
 */
export function applyBatch(
  store: Store, catalogue: ServiceItemCache, auditKey: Buffer, actor: StaffUser, mutations: readonly Mutation[],
  opts: { pulledUpTo?: number, clockSkewMs?: number } = {},
): Promise<PushOutcome> {
  return store.write(async (tx): Promise<PushOutcome> => {
    const arrival: Arrival = { now: new Date().toISOString(), clockSkewMs: opts.clockSkewMs }
    const outcome = await processMutations(tx, catalogue, () => actor, mutations, () => arrival, auditKey)
    const after = opts.pulledUpTo
    // A cursor at or past the batch's first seq comes from a database since replaced: no shortcut.
    // Changed appointments are not echoed, so the device pulls them (and the batch's cases) back.
    if (after === undefined || !outcome.seqs || after >= outcome.seqs.first || outcome.appointments) return outcome
    if (await visibleChangeBetween(tx, actor, after, outcome.seqs.first)) return outcome
    return { ...outcome, pullCursorSeq: outcome.seqs.last }
  })
}
