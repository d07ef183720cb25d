import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordCaseChange, takeInCase } from '../../src/db/case-writes'
import { ShiftDeskDB } from '../../src/db/database'
import { outboxInState } from '../../src/db/outbox-queries'
import { signInAtCentral } from '../../src/sync/central-auth'
import { runSync } from '../../src/sync/run-sync'
import { PERSON_INTAKE } from '../support/fixtures'
import { SCHEMA_V1 } from '../support/schema-v1'
import { type TestServer, countRows, startServer } from './helpers'

let server: TestServer
beforeAll(async () => { server = await startServer() })
afterAll(() => server.close())

/** Copies every table of a current database into a new database made with the release-1 schema. */
async function asVersion1(source: ShiftDeskDB, name: string): Promise<void> {
  const old = new Dexie(name)
  old.version(1).stores(SCHEMA_V1)
  await old.open()
  for (const table of Object.keys(SCHEMA_V1)) await old.table(table).bulkAdd(await source.table(table).toArray())
  old.close()
}

describe('upgrading the device database', () => {
  it('keeps the outbox of the previous version whole, in order, and still sends it exactly once', async () => {
    // Work done on release 1 while the central system was away: 2 intakes and a transition waiting.
    const work = new ShiftDeskDB('upgrade-source')
    const session = await signInAtCentral(work, server.url, 'ord-clerk1', 'shiftdesk-demo')
    await runSync(work, server.url)
    const item = (await work.serviceItems.toArray()).find(i => i.name === '个人征信报告打印')!
    const intake = { ...PERSON_INTAKE, serviceItemId: item.id, materials: [] }
    const first = await takeInCase(work, session.user, session.center, intake)
    await takeInCase(work, session.user, session.center, intake)
    await recordCaseChange(work, session.user, 'case.transition', first.id, { action: 'start' })
    const before = await work.outbox.orderBy('seq').toArray()
    await asVersion1(work, 'upgrade-target')
    work.close()

    const upgraded = new ShiftDeskDB('upgrade-target')
    await upgraded.open()
    expect(upgraded.verno).toBeGreaterThan(1)
    expect(await upgraded.outbox.orderBy('seq').toArray()).toEqual(before)
    expect(await upgraded.cases.get(first.id)).toMatchObject({ status: 'in_progress' })

    const casesBefore = countRows(server, 'cases')
    expect(await runSync(upgraded, server.url)).toMatchObject({ outcome: 'synced', pushed: 3, pending: 0 })
    expect(countRows(server, 'cases')).toBe(casesBefore + 2)
    expect(await outboxInState(upgraded, 'pending').count()).toBe(0)
    expect(await upgraded.cases.get(first.id)).toMatchObject({ status: 'in_progress', version: 2 })
  })

  it('closes for a newer version opened elsewhere, so an old tab never blocks the upgrade', async () => {
    const oldTab = new ShiftDeskDB('upgrade-blocking')
    await oldTab.open()
    const newer = new Dexie('upgrade-blocking')
    newer.version(oldTab.verno + 1).stores({ ...SCHEMA_V1, extra: 'id' })
    await newer.open() // resolves only once the old connection let go
    expect(newer.verno).toBe(oldTab.verno + 1)
    newer.close()
  })
})
