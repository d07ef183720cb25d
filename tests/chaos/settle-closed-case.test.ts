import 'fake-indexeddb/auto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { recordCaseChange, takeInCase } from '../../src/db/case-writes'
import { ShiftDeskDB } from '../../src/db/database'
import { outboxInState } from '../../src/db/outbox-queries'
import { resolveConflict } from '../../src/db/outbox-writes'
import { signInAtCentral } from '../../src/sync/central-auth'
import { runSync } from '../../src/sync/run-sync'
import { DEMO_PASSWORD } from '../../server/seed/demo-org'
import { type TestServer, startServer } from '../server/helpers'
import { randomIntake } from './random-changes'
import { prng } from './prng'

/**
 * Found by the chaos run: most status conflicts come from a colleague closing the case (complete,
 * decline, withdraw). Keeping the central system's state ('theirs') is meant to send no change,
 * only the choice; it must not come back rejected because the case is closed.
 */
let server: TestServer
beforeAll(async () => { server = await startServer() })
afterAll(async () => { await server.close() })

async function tablet(username: string, n: number) {
  const db = new ShiftDeskDB(`chaos-settle-${process.pid}-${n}`)
  const session = await signInAtCentral(db, server.url, username, DEMO_PASSWORD)
  await runSync(db, server.url)
  return { db, user: session.user, center: session.center }
}

it('settles a status conflict in favour of a colleague who closed the case, without a rejection', async () => {
  const a = await tablet('ord-clerk1', 1)
  const b = await tablet('ord-clerk2', 2)
  const record = await takeInCase(a.db, a.user, a.center, randomIntake(prng(3), await a.db.serviceItems.toArray()))
  await runSync(a.db, server.url)
  await runSync(b.db, server.url)
  await recordCaseChange(a.db, a.user, 'case.transition', record.id, { action: 'withdraw' })
  await recordCaseChange(b.db, b.user, 'case.transition', record.id, { action: 'start' })
  await runSync(a.db, server.url)
  await runSync(b.db, server.url)
  const [conflict] = await outboxInState(b.db, 'conflict').toArray()
  expect(conflict?.result).toMatchObject({ status: 'conflict', fields: ['status'] })

  await resolveConflict(b.db, conflict!.seq!, 'theirs')
  await runSync(b.db, server.url)
  expect(await b.db.outbox.toArray()).toEqual([])
  expect(await b.db.cases.get(record.id)).toMatchObject({ status: 'withdrawn' })
  for (const d of [a, b]) {
    d.db.close()
    await d.db.delete()
  }
})
