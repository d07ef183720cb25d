import { liveQuery } from 'dexie'
import { MAX_BATCH } from '../../src/domain'
import { outboxInState } from '../../src/db/outbox-queries'
import { signInAtCentral } from '../../src/sync/central-auth'
import { runSync } from '../../src/sync/run-sync'
import { deviceDb, timeRawPuts, withRelaxedDurability } from './device-dbs'
import { DEMO_PASSWORD } from './seed-device'

/**
 * Replays the outbox the app's way: runSync (probe, push in batches, pull) until it returns.
 * `emptyMs` is when the outbox was first seen empty by a live query (as the sync page sees it):
 * watched from outside, so the deletes run as they do in the app (a Dexie `deleting` hook would
 * make each range delete read its entries first).
 */
export async function replayBatched(dbName: string) {
  const db = deviceDb(dbName)
  const waiting = await outboxInState(db, 'pending').count()
  let emptyAt = 0
  const started = performance.now()
  const watching = liveQuery(() => db.outbox.count()).subscribe((left) => { if (!left && !emptyAt) emptyAt = performance.now() })
  try {
    const report = await runSync(db, '')
    const ms = performance.now() - started
    const left = await db.outbox.count()
    if (report.outcome !== 'synced' || left) throw new Error(`replay left ${left} changes (${report.outcome})`)
    return { ms, emptyMs: (emptyAt || performance.now()) - started, waiting, pushed: report.pushed, pulled: report.pulled }
  }
  finally { watching.unsubscribe() }
}

/**
 * The baseline: how Workbox's Background Sync queue replays — take the oldest stored request out
 * of IndexedDB, send it alone, wait for the answer, next. Here each request is a push of one
 * mutation. The queue's own store does relaxed-durability transactions, so the removal is relaxed
 * too; nothing is written back to the cases (Workbox knows no cases). Both make it faster, never slower.
 */
export async function replayOneByOne(dbName: string, limit: number) {
  const db = deviceDb(dbName)
  const session = (await db.sessions.toArray())[0]!
  let sent = 0
  const started = performance.now()
  while (sent < limit) {
    const entry = await withRelaxedDurability(db, () => db.transaction('rw', db.outbox, async () => {
      const first = await db.outbox.orderBy('seq').first()
      if (first) await db.outbox.delete(first.seq!)
      return first
    }))
    if (!entry) break
    const response = await fetch('/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'authorization': `Bearer ${session.token}` },
      body: JSON.stringify({ deviceId: entry.mutation.deviceId, mutations: [entry.mutation] }),
    })
    const body = await response.json() as { results: { status: string }[] }
    if (body.results[0]?.status !== 'applied') throw new Error(`baseline push answered ${JSON.stringify(body)}`)
    sent++
  }
  return { ms: performance.now() - started, sent }
}

/** First sync of a new device: sign in (not timed), then one runSync that pulls everything. */
export async function firstSync(dbName: string, username: string) {
  const db = deviceDb(dbName)
  await signInAtCentral(db, '', username, DEMO_PASSWORD)
  const started = performance.now()
  const report = await runSync(db, '')
  const ms = performance.now() - started
  if (report.outcome !== 'synced') throw new Error(`first sync ${report.outcome}`)
  return { ms, pulled: report.pulled, cases: await db.cases.count() }
}

/**
 * The device's floor under a replay: after a push the device stores the central system's copy of
 * each case it sent (new version, server times). This re-puts the `count` newest cases (the ones
 * pushed) once more, as stored, with no app code: transactions of 500 (a batch) with strict
 * durability, into the app's store and indexes. IndexedDB's own cost of writing the cases back,
 * however the app did it.
 */
export async function rewriteFloor(dbName: string, count: number) {
  const db = deviceDb(dbName)
  // The cases just taken in and pushed are the newest; older ones came from the pull at sign-in.
  const rows = await db.cases.orderBy('receivedAt').reverse().limit(count).toArray()
  return { ms: await timeRawPuts(db.backendDB(), 'cases', rows, MAX_BATCH), rows: rows.length }
}
