import { type CaseRecord, dataScopeOf, MAX_PULL, type PulledChange, type ServiceItem } from '../domain'
import type { ShiftDeskDB } from '../db/database'
import { PULLED_UP_TO, readMeta, writeMeta } from '../db/meta'
import { holdsScope, PULL_CURSOR, scopeTables } from '../db/device-scope'
import { rebaseCase } from '../db/case-rebase'
import { storePulledAppointments } from '../db/appointment-writes'
import { DeviceRevoked, SessionRefused, callApi, endedBy } from '../api/client'
import { pull } from '../domain/api/sync-routes'
import { pullSession } from './pull-session'
import { markSessionRefused, usableSessions } from './sessions'

/** A row the device already holds exactly as pulled is not written again. */
const alreadyStored = (stored: CaseRecord | undefined, pulled: CaseRecord) =>
  stored?.version === pulled.version && JSON.stringify(stored) === JSON.stringify(pulled)

/** Someone of another scope signed in while a pull of the previous one ran: it stops, storing nothing. */
class ScopeMoved extends Error {}

/**
 * Stores one page of pulled changes in one transaction. Cases with changes still on this device
 * are rebased (their server copy kept in caseBases); every other case is written as pulled, in
 * bulk, and no caseBases row is made for it. Nothing is stored once the device holds another scope.
 */
async function storePage(db: ShiftDeskDB, changes: PulledChange[], cursor: string, scope: string): Promise<void> {
  await db.transaction('rw', scopeTables(db), async () => {
    if (!await holdsScope(db, scope)) throw new ScopeMoved()
    const items = changes.filter(change => change.entity === 'serviceItem')
    await db.serviceItems.bulkPut(items.flatMap(change => (change.data as ServiceItem | null) ?? []))
    await db.serviceItems.bulkDelete(items.filter(change => !change.data).map(change => change.id))
    // The latest change of each case (a page names a case once; this keeps it so if one did not).
    const cases = [...new Map(changes.filter(change => change.entity === 'case').map(change => [change.id, change])).values()]
    const ids = cases.map(change => change.id)
    // Which of them have changes on this device, and what is stored for them: read together, the
    // latter in a few requests for the whole page (case-counts.ts), which also tells the status
    // counters what each write replaces.
    const [withLocalChanges, stored] = await Promise.all([
      db.outbox.where('entityId').anyOf(ids).keys().then(keys => new Set(keys as string[])),
      db.cases.bulkGet(ids),
    ])
    const plain: CaseRecord[] = []
    const gone: string[] = []
    for (const [i, change] of cases.entries()) {
      const data = change.data as CaseRecord | null
      if (withLocalChanges.has(change.id)) await rebaseCase(db, change.id, data)
      else if (!data) { if (stored[i]) gone.push(change.id) }
      else if (!alreadyStored(stored[i], data)) plain.push(data)
    }
    await Promise.all([
      db.cases.bulkPut(plain), db.cases.bulkDelete(gone), storePulledAppointments(db, changes), writeMeta(db, PULL_CURSOR, cursor),
    ])
  })
}

/** Marks a promise as observed: it may wait, unawaited, while a page is stored or fetched. */
const inFlight = <T>(promise: Promise<T>) => {
  promise.catch(() => {})
  return promise
}

/**
 * Pulls everything new for this device's centre, page by page. Returns how many changes came.
 * The next page is asked for while the current one is stored, so the central system, the network
 * and IndexedDB work at the same time; pages are still stored one after another, each with its cursor.
 */
export async function pullChanges(db: ShiftDeskDB, baseUrl: string): Promise<number> {
  const session = await pullSession(db, await usableSessions(db))
  if (!session) return 0
  const request = (cursor: string) =>
    inFlight(callApi(pull, { query: { cursor, limit: String(MAX_PULL) } }, { baseUrl, token: session.token }))
  let received = 0
  let storing: Promise<void> | undefined
  const scope = dataScopeOf(session.user)
  let next = request(await readMeta(db, PULL_CURSOR, ''))
  try {
    for (;;) {
      const page = await next
      if (page.hasMore) next = request(page.cursor)
      await storing
      storing = inFlight(storePage(db, page.changes, page.cursor, scope))
      received += page.changes.length
      if (!page.hasMore) break
    }
    await storing
    // The device now holds everything the central system had for it: a mark others can wait for
    // (a supervisor's first complete pull is the starting point of "new arrivals").
    await db.transaction('rw', db.meta, async () => {
      if (await holdsScope(db, scope)) await writeMeta(db, PULLED_UP_TO, new Date().toISOString())
    })
    return received
  }
  catch (caught) {
    // A page still being stored finishes first; its failure, if any, is the one to report.
    let error = caught
    try { await storing }
    catch (stored) { error = stored }
    if (error instanceof ScopeMoved) return received
    if (error instanceof SessionRefused && !(error instanceof DeviceRevoked)) { await markSessionRefused(db, session.userId, endedBy(error)); return received }
    throw error
  }
}
