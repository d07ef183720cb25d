import { MAX_PULL, PullResponseSchema, type PulledChange } from '../domain'
import type { ShiftDeskDB } from '../db/database'
import { readMeta, writeMeta } from '../db/meta'
import { rebaseCase } from '../db/case-rebase'
import { SessionRefused, callCentral } from './central-api'
import { markSessionRefused, pullSession, usableSessions } from './sessions'

/** Stores one page of pulled changes in one transaction, rebasing cases that have local changes. */
async function storePage(db: ShiftDeskDB, changes: PulledChange[], cursor: string): Promise<void> {
  await db.transaction('rw', [db.cases, db.caseBases, db.outbox, db.serviceItems, db.meta], async () => {
    const withLocalChanges = new Set(await db.outbox.orderBy('entityId').uniqueKeys() as string[])
    const plainCases = []
    for (const change of changes) {
      if (change.entity === 'serviceItem') {
        if (change.data) await db.serviceItems.put(change.data)
        else await db.serviceItems.delete(change.id)
      }
      else if (withLocalChanges.has(change.id)) await rebaseCase(db, change.id, change.data)
      else if (change.data) plainCases.push(change.data)
      else await db.cases.delete(change.id)
    }
    await db.cases.bulkPut(plainCases)
    await writeMeta(db, 'pullCursor', cursor)
  })
}

/** Pulls everything new for this device's centre, page by page. Returns how many changes came. */
export async function pullChanges(db: ShiftDeskDB, baseUrl: string): Promise<number> {
  const session = await pullSession(db, await usableSessions(db))
  if (!session) return 0
  let received = 0
  for (;;) {
    const cursor = await readMeta(db, 'pullCursor', '')
    let page
    try {
      page = await callCentral(baseUrl, `/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=${MAX_PULL}`,
        PullResponseSchema, { token: session.token })
    }
    catch (error) {
      if (error instanceof SessionRefused) { await markSessionRefused(db, session.userId); return received }
      throw error
    }
    await storePage(db, page.changes as PulledChange[], page.cursor)
    received += page.changes.length
    if (!page.hasMore) return received
  }
}
