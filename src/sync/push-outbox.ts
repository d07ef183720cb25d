import { applyCaseMutation, MAX_BATCH, PushResponseSchema, type PushResult } from '../domain'
import type { DeviceSession, OutboxEntry, ShiftDeskDB } from '../db/database'
import { blockedEntities, pendingAfter } from '../db/outbox-queries'
import { recomputeCase } from '../db/case-rebase'
import { CentralError, SessionRefused, callCentral } from './central-api'
import { markSessionRefused, usableSessions } from './sessions'

/** Stay well under the server's 1 MiB body limit. */
const MAX_BATCH_BYTES = 900 * 1024

/** How much of the queue is read at a time while looking for the next batch. */
const WINDOW = MAX_BATCH * 4

/**
 * The next batch: the oldest pushable changes of one actor, in order. A change whose actor has no
 * usable session, or whose entity has an earlier change still waiting, is held — and so is every
 * later change of that entity (added to `held`), so the server always sees a case's changes in
 * the order made.
 */
export function nextBatch(pending: OutboxEntry[], usable: Map<string, DeviceSession>, held: Set<string>): OutboxEntry[] {
  const batch: OutboxEntry[] = []
  let bytes = 0
  for (const entry of pending) {
    if (held.has(entry.entityId) || !usable.has(entry.actorId)) {
      held.add(entry.entityId)
      continue
    }
    if (batch.length && entry.actorId !== batch[0]!.actorId) break
    bytes += new TextEncoder().encode(JSON.stringify(entry.mutation)).length
    if (batch.length >= MAX_BATCH || (batch.length && bytes > MAX_BATCH_BYTES)) break
    batch.push(entry)
  }
  return batch
}

/** Records the server's answers: applied changes leave the outbox, the others wait for a person. */
async function recordResults(db: ShiftDeskDB, batch: OutboxEntry[], results: PushResult[]): Promise<void> {
  await db.transaction('rw', [db.cases, db.caseBases, db.outbox, db.serviceItems], async () => {
    const touched = new Set<string>()
    for (const [i, entry] of batch.entries()) {
      const result = results[i]!
      touched.add(entry.entityId)
      if (result.status === 'conflict' || result.status === 'rejected') {
        // Not judged, only held behind an earlier failed change: it waits for that one to be settled.
        if (!result.blockedBy) await db.outbox.update(entry.seq!, { state: result.status, result })
        continue
      }
      await db.outbox.delete(entry.seq!)
      // The server's copy now includes this change: advance the base so later changes rebase on it.
      const base = await db.caseBases.get(entry.entityId)
      const outcome = applyCaseMutation(base?.data ?? undefined, entry.mutation, {
        actor: entry.actor,
        serviceItem: await db.serviceItems.get(base?.data?.serviceItemId ?? String(entry.mutation.payload.serviceItemId ?? '')),
        now: entry.mutation.clientTime,
      })
      const data = outcome.ok ? outcome.next : base?.data ?? null
      await db.caseBases.put({ id: entry.entityId, data: data && { ...data, version: result.version } })
    }
    for (const id of touched) await recomputeCase(db, id)
  })
}

/**
 * Walks the queue a window at a time until it finds a batch, so a long run of held changes (a
 * signed-out colleague's backlog) never stops the changes of others queued behind it.
 */
async function findBatch(db: ShiftDeskDB, usable: Map<string, DeviceSession>): Promise<OutboxEntry[]> {
  const held = await blockedEntities(db)
  let after = 0
  for (;;) {
    const window = await pendingAfter(db, after, WINDOW)
    if (window.length === 0) return []
    const batch = nextBatch(window, usable, held)
    if (batch.length) return batch
    after = window.at(-1)!.seq!
  }
}

/** Pushes every pushable change, batch after batch. Returns how many were answered. */
export async function pushOutbox(db: ShiftDeskDB, baseUrl: string): Promise<number> {
  let answered = 0
  for (;;) {
    const usable = await usableSessions(db)
    const batch = await findBatch(db, usable)
    if (batch.length === 0) return answered
    const session = usable.get(batch[0]!.actorId)!
    let response
    try {
      response = await callCentral(baseUrl, '/api/sync/push', PushResponseSchema, {
        token: session.token, body: { deviceId: batch[0]!.mutation.deviceId, mutations: batch.map(e => e.mutation) },
      })
    }
    catch (error) {
      // Only this actor's changes wait for them to sign in again; everyone else's keep flowing.
      if (error instanceof SessionRefused) { await markSessionRefused(db, session.userId); continue }
      throw error
    }
    const results = response.results as PushResult[]
    if (results.length !== batch.length || results.some((r, i) => r.id !== batch[i]!.id))
      throw new CentralError(502, 'push answer does not match the batch')
    await recordResults(db, batch, results)
    answered += batch.length
  }
}
