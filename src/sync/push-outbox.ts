import { applyCaseMutation, type CaseRecord, dataScopeOf, MAX_BATCH, type PushResponse, type ServiceItem } from '../domain'
import type { CaseBase, DeviceSession, OutboxEntry, ShiftDeskDB } from '../db/database'
import { readMeta, writeMeta } from '../db/meta'
import { holdsScope, PULL_CURSOR } from '../db/device-scope'
import { blockedEntities, pendingAfter } from '../db/outbox-queries'
import { recomputeCase } from '../db/case-rebase'
import { CentralUnreachable, DeviceRevoked, SessionRefused, callApi, endedBy } from '../api/client'
import { push } from '../domain/api/sync-routes'
import { pullSession } from './pull-session'
import { markSessionRefused, usableSessions } from './sessions'

/** Stay well under the server's 1 MiB body limit. */
const MAX_BATCH_BYTES = 900 * 1024
const utf8 = new TextEncoder()

/**
 * How much of the queue is read at a time while looking for the next batch: one batch's worth
 * first (enough when nothing is blocked), then more and more while blocked changes fill the windows.
 */
const FIRST_WINDOW = MAX_BATCH
const MAX_WINDOW = MAX_BATCH * 8

/**
 * The next batch: the oldest pushable changes of one actor, in order. A change whose actor has no
 * usable session, or whose entity is blocked (an earlier change of it still waits), is skipped, and
 * its entity added to `blockedEntities`, so every later change of that entity waits too: the
 * server always sees a case's changes in the order made.
 */
export function nextBatch(pending: OutboxEntry[], usable: Map<string, DeviceSession>, blockedEntities: Set<string>): OutboxEntry[] {
  const batch: OutboxEntry[] = []
  let bytes = 0
  for (const entry of pending) {
    if (blockedEntities.has(entry.entityId) || !usable.has(entry.actorId)) {
      blockedEntities.add(entry.entityId)
      continue
    }
    if (batch.length && entry.actorId !== batch[0]!.actorId) break
    bytes += utf8.encode(JSON.stringify(entry.mutation)).length
    if (batch.length >= MAX_BATCH || (batch.length && bytes > MAX_BATCH_BYTES)) break
    batch.push(entry)
  }
  return batch
}

/**
 * Removes answered entries, a key range per run of consecutive outbox seqs (a batch is usually one
 * run): IndexedDB deletes a range in one request, but a list of keys one request per key.
 */
async function deleteOutboxEntries(db: ShiftDeskDB, seqs: number[]): Promise<void> {
  const sorted = [...seqs].sort((a, b) => a - b)
  const runs: [number, number][] = []
  for (const seq of sorted) {
    const run = runs.at(-1)
    if (run && seq === run[1] + 1) run[1] = seq
    else runs.push([seq, seq])
  }
  await Promise.all(runs.map(([from, to]) => db.outbox.where(':id').between(from, to, true, true).delete()))
}

/**
 * Removes the bases of settled cases: as one key range when the range between the least and the
 * greatest id holds no other case's base (case ids are time-ordered, so a batch's usually do
 * not), else key by key.
 */
async function deleteCaseBases(db: ShiftDeskDB, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  const sorted = [...ids].sort()
  const range = () => db.caseBases.where(':id').between(sorted[0]!, sorted.at(-1)!, true, true)
  const wanted = new Set(ids)
  const inRange = await range().limit(ids.length + 1).primaryKeys()
  if (inRange.length <= ids.length && inRange.every(id => wanted.has(id))) await range().delete()
  else await db.caseBases.bulkDelete(ids)
}

/**
 * Records the server's answers: applied changes leave the outbox, the others wait for a person.
 * A batch is up to 500 changes, so reads and writes go in bulk: with a request per entry and step,
 * replaying 2,000 changes took 9.2 s, in bulk 2.6 s (npm run bench -- --only=replay --quick).
 * A server that echoes the batch's cases (`changes`) gives their new base as stored there; for the
 * others the base is advanced here by applying the change, as before. When it also says where the
 * next pull starts (`cursor`, past this device's own changes) and the device's cursor has not moved
 * since the push went out, the cursor moves there: the cases are not pulled back.
 */
async function recordResults(db: ShiftDeskDB, batch: OutboxEntry[], response: PushResponse, sentCursor: string | undefined): Promise<void> {
  const results = response.results
  const echoed = new Map<string, CaseRecord | null>()
  for (const change of response.changes ?? []) if (change.entity === 'case') echoed.set(change.id, change.data)
  await db.transaction('rw', [db.cases, db.caseBases, db.outbox, db.serviceItems, db.meta], async () => {
    // A kept change of another scope (a colleague of another centre signed in since): its answer
    // settles the outbox entry and nothing else, so none of that scope's data comes back here.
    if (!await holdsScope(db, dataScopeOf(batch[0]!.actor))) return recordAnswersOnly(db, batch, results)
    // Cases only: an appointment's change is shown over it until the pull brings it back (appointment-writes.ts).
    const ids = [...new Set(batch.filter(entry => entry.mutation.entity === 'case').map(entry => entry.entityId))]
    const unechoed = ids.filter(id => !echoed.has(id))
    const stored = await db.caseBases.bulkGet(unechoed)
    const bases = new Map<string, CaseBase | undefined>(unechoed.map((id, i) => [id, stored[i]]))
    for (const [id, data] of echoed) bases.set(id, { id, data })
    const items = new Map<string, Promise<ServiceItem | undefined>>()
    const item = (id: string) => items.get(id) ?? items.set(id, db.serviceItems.get(id)).get(id)!
    const applied: number[] = []
    for (const [i, entry] of batch.entries()) {
      const result = results[i]!
      if (result.status === 'conflict' || result.status === 'rejected') {
        // Not judged, only blocked behind an earlier failed change: it waits for that one to be settled.
        if (!result.blockedBy) await db.outbox.update(entry.seq!, { state: result.status, result })
        continue
      }
      applied.push(entry.seq!)
      if (entry.mutation.entity !== 'case' || echoed.has(entry.entityId)) continue
      // The server's copy now includes this change: advance the base so later changes rebase on it.
      const base = bases.get(entry.entityId)
      const outcome = applyCaseMutation(base?.data ?? undefined, entry.mutation, {
        actor: entry.actor,
        serviceItem: await item(base?.data?.serviceItemId ?? String(entry.mutation.payload.serviceItemId ?? '')),
        now: entry.mutation.clientTime,
      })
      const data = outcome.ok ? outcome.next : base?.data ?? null
      bases.set(entry.entityId, { id: entry.entityId, data: data && { ...data, version: result.version } })
    }
    await deleteOutboxEntries(db, applied)
    // A case with nothing left waiting shows the server's copy (what rebaseCase does with no entries).
    const waiting = new Set(await db.outbox.where('entityId').anyOf(ids).keys() as string[])
    const settled = ids.filter(id => !waiting.has(id) && bases.get(id))
    await deleteCaseBases(db, settled)
    await db.cases.bulkPut(settled.flatMap(id => bases.get(id)!.data ?? []))
    await db.cases.bulkDelete(settled.filter(id => !bases.get(id)!.data))
    const rest = ids.filter(id => waiting.has(id) && bases.get(id))
    await db.caseBases.bulkPut(rest.map(id => bases.get(id)!))
    for (const id of rest) await recomputeCase(db, id)
    if (response.cursor !== undefined && sentCursor !== undefined && await readMeta(db, PULL_CURSOR, '') === sentCursor)
      await writeMeta(db, PULL_CURSOR, response.cursor)
  })
}

/** The outbox side of recordResults alone: applied entries leave, refused ones wait for their author. */
async function recordAnswersOnly(db: ShiftDeskDB, batch: OutboxEntry[], results: PushResponse['results']): Promise<void> {
  const applied: number[] = []
  for (const [i, entry] of batch.entries()) {
    const result = results[i]!
    if (result.status === 'conflict' || result.status === 'rejected') {
      if (!result.blockedBy) await db.outbox.update(entry.seq!, { state: result.status, result })
    }
    else applied.push(entry.seq!)
  }
  await deleteOutboxEntries(db, applied)
}

/** Where the search for the next batch starts: the queue after `after`, with these entities blocked. */
interface Scan { after: number, blockedEntities: Set<string> }
/**
 * What a pipelined search carries over from the batch whose answers are still being recorded:
 * everything the next push needs from tables that transaction writes (meta), since a read of them
 * would wait for it to commit, and the next push with it.
 */
interface Carried extends Scan { usable: Map<string, DeviceSession>, puller: string | undefined, cursor: string | undefined }

/**
 * Walks the queue a window at a time until it finds a batch, so a long run of skipped changes (a
 * signed-out colleague's backlog) never stops the changes of others queued behind it.
 * `scan.blockedEntities` collects the entities blocked on the way, so a later search can go on
 * from where this one ended.
 */
async function findBatch(db: ShiftDeskDB, usable: Map<string, DeviceSession>, scan: Scan): Promise<OutboxEntry[]> {
  let after = scan.after
  for (let size = FIRST_WINDOW; ; size = Math.min(size * 2, MAX_WINDOW)) {
    const window = await pendingAfter(db, after, size)
    if (window.length === 0) return []
    const batch = nextBatch(window, usable, scan.blockedEntities)
    if (batch.length) return batch
    after = window.at(-1)!.seq!
  }
}

/**
 * Pushes every pushable change, batch after batch. Returns how many were answered.
 *
 * When every change of a batch was applied, the queue after recording it is the queue less that
 * batch, so the next batch is found (from where this one ended, with the same blocked entities) and
 * pushed while the answers are still being written to the device: the server's work and the
 * device's overlap. Recording stays in order, one batch after the other. A batch with a conflict
 * or a rejection is recorded first, and the next search starts over.
 */
export async function pushOutbox(db: ShiftDeskDB, baseUrl: string): Promise<number> {
  let answered = 0
  let recording: Promise<void> = Promise.resolve()
  let recordingFailed = false
  /** Set while a batch's answers are being recorded: where the next search goes on, and the cursor it leaves. */
  let next: Carried | null = null
  try {
    for (;;) {
      // Answers that could not be stored stop the push: nothing more is sent until they are.
      if (recordingFailed) await recording
      const carried: Carried | null = next
      const usable = carried?.usable ?? await usableSessions(db)
      const scan: Scan = carried ?? { after: 0, blockedEntities: await blockedEntities(db) }
      const batch = await findBatch(db, usable, scan)
      if (batch.length === 0) return answered
      const session = usable.get(batch[0]!.actorId)!
      // The server echoes the batch's cases and, if this user may see nothing else changed after the
      // device's pull cursor, moves it: sent only when this user is the one the device pulls as.
      const puller = carried ? carried.puller : (await pullSession(db, usable))?.userId
      const pullsAs = puller === session.userId
      const cursor = pullsAs ? carried?.cursor ?? await readMeta<string>(db, PULL_CURSOR, '') : undefined
      let answer: PushResponse
      try {
        answer = await callApi(push, {
          query: { echo: '1', cursor },
          // sentAt: the server measures this device's clock error from it (the approval queue's order).
          body: { deviceId: batch[0]!.mutation.deviceId, sentAt: new Date().toISOString(), mutations: batch.map(e => e.mutation) },
        }, { baseUrl, token: session.token })
      }
      catch (error) {
        // Only this actor's changes wait for them to sign in again; everyone else's keep flowing.
        if (error instanceof SessionRefused && !(error instanceof DeviceRevoked)) {
          await recording
          next = null
          await markSessionRefused(db, session.userId, endedBy(error))
          continue
        }
        throw error
      }
      const results = answer.results
      if (results.length !== batch.length || results.some((r, i) => r.id !== batch[i]!.id))
        throw new CentralUnreachable('push answer does not match the batch')
      recording = recording.then(() => recordResults(db, batch, answer, cursor))
      // A failure is thrown where `recording` is awaited; until then it is not an unhandled rejection.
      recording.catch(() => { recordingFailed = true })
      answered += batch.length
      if (results.every(r => r.status === 'applied' || r.status === 'duplicate')) {
        // recordResults moves the stored cursor to the answer's when it still is the one sent.
        const carry: Carried = { after: batch.at(-1)!.seq!, blockedEntities: scan.blockedEntities, usable, puller, cursor: answer.cursor ?? cursor }
        next = carry
      }
      else {
        await recording
        next = null
      }
    }
  }
  finally {
    // Every answer received is recorded before the push ends, also when a later batch failed.
    await recording
  }
}
