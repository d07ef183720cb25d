import { countCasesByStatus, listCases, searchKind } from '../../src/db/case-queries'
import { takeInCase } from '../../src/db/case-writes'
import { answeredEntries, changesWaitingForSignIn, firstPending, outboxInState } from '../../src/db/outbox-queries'
import { usableSessions } from '../../src/sync/sessions'
import { readDataScope } from '../../src/db/data-scope'
import { fakeIntake } from '../shared/fake-cases'
import { seeded } from '../shared/fake-people'
import { deviceDb, signedIn } from './device-dbs'

/** The case list's page size (CaseListPage.vue). */
const PAGE_SIZE = 50

/** One timed call of the app's own read code, as the case list makes it. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number, result: T }> {
  const started = performance.now()
  const result = await work()
  return { ms: performance.now() - started, result }
}

/** First page of the unfiltered list, newest first. */
export async function listFirstPage(dbName: string) {
  const { ms, result } = await timed(() => listCases(deviceDb(dbName), { offset: 0, limit: PAGE_SIZE }))
  return { ms, rows: result.rows.length }
}

/** The list searched for what the clerk typed (the app picks the index with searchKind). */
export async function search(dbName: string, text: string) {
  const { ms, result } = await timed(() => listCases(deviceDb(dbName), { search: text, offset: 0, limit: PAGE_SIZE }))
  return { ms, rows: result.rows.length, kind: searchKind(text) }
}

/** The counts on the status filter chips; `stored` (not timed) is the real count they must add up to. */
export async function statusCounts(dbName: string) {
  const { ms, result } = await timed(() => countCasesByStatus(deviceDb(dbName)))
  return { ms, total: Object.values(result).reduce((a, b) => a + b, 0), stored: await deviceDb(dbName).cases.count() }
}

/**
 * Intakes one after another, each timed alone: the case and its outbox mutation in one
 * transaction with strict durability, as the intake form's submit writes them.
 */
export async function takeInTimes(dbName: string, count: number, seed = 3): Promise<number[]> {
  const db = deviceDb(dbName)
  const { user, center, items } = await signedIn(db)
  const random = seeded(seed)
  const intakes = Array.from({ length: count }, () => fakeIntake(random, center, items))
  const times: number[] = []
  for (const intake of intakes) times.push((await timed(() => takeInCase(db, user, center, intake))).ms)
  return times
}

/**
 * What the sync store reads again after every outbox change (the waiting count, authors waiting for sign-in,
 * answered changes, the outbox page's first entries), and, as the baseline, what it read before:
 * every waiting change.
 */
export async function syncStoreReads(dbName: string) {
  const db = deviceDb(dbName)
  const now = await timed(async () => {
    const answered = await answeredEntries(db)
    return Promise.all([outboxInState(db, 'pending').count(), changesWaitingForSignIn(db, await usableSessions(db), answered, await readDataScope(db)), firstPending(db, await readDataScope(db))])
  })
  const before = await timed(() => outboxInState(db, 'pending').toArray())
  return { ms: now.ms, baselineMs: before.ms, waiting: now.result[0] }
}
