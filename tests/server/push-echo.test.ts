import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordCaseChange, takeInCase } from '../../src/db/case-writes'
import { ShiftDeskDB } from '../../src/db/database'
import { readMeta } from '../../src/db/meta'
import type { PullResponse, PushResponse } from '../../src/domain/protocol'
import type { ServiceItem } from '../../src/domain/service-item'
import { signInAtCentral } from '../../src/sync/central-auth'
import { runSync } from '../../src/sync/run-sync'
import { PERSON_INTAKE } from '../support/fixtures'
import { type Session, type TestServer, catalogue, createCase, login, pull, push, request, startServer, updateCase } from './helpers'

/**
 * The optional push echo (`?echo=1&cursor=`): the batch's cases as stored, and the cursor past the
 * device's own changes when nothing else it may see changed since its cursor.
 */
let server: TestServer
let clerk: Session
let colleague: Session
let otherCentre: Session
let item: ServiceItem

beforeAll(async () => {
  server = await startServer()
  clerk = await login(server, 'ord-clerk1', 'tablet-echo')
  colleague = await login(server, 'ord-clerk2', 'tablet-colleague')
  otherCentre = await login(server, 'lzx-clerk1', 'tablet-lzx')
  item = (await catalogue(server, clerk)).find(i => i.code === 'SI-001')!
})
afterAll(() => server.close())

const pushEcho = (session: Session, mutations: unknown[], cursor?: string) =>
  request<PushResponse>(server, 'POST', `/api/sync/push?echo=1${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
    { token: session.token, json: { deviceId: session.deviceId, mutations } })

/** The cursor of a device that has pulled everything it may see. */
async function pulledCursor(session: Session): Promise<string> {
  let cursor = ''
  for (;;) {
    const page = (await pull(server, session, `?limit=1000&cursor=${encodeURIComponent(cursor)}`)).body
    cursor = page.cursor
    if (!page.hasMore) return cursor
  }
}

describe('push echo', () => {
  it('answers as before without ?echo=1', async () => {
    const answer = await push(server, clerk, [createCase(clerk, item)])
    expect(Object.keys(answer.body)).toEqual(['results'])
  })

  it('echoes each changed case once, as a pull would give it, and the cursor past them', async () => {
    const cursor = await pulledCursor(clerk)
    const first = createCase(clerk, item)
    const second = createCase(clerk, item)
    const answer = await pushEcho(clerk, [first, second, updateCase(clerk, first.entityId, { notes: '补充' }), createCase(clerk, item, { idNumber: 'bad' })], cursor)
    expect(answer.body.results.map(r => r.status)).toEqual(['applied', 'applied', 'applied', 'rejected'])
    expect(answer.body.changes!.map(c => [c.id, c.version])).toEqual([[second.entityId, 1], [first.entityId, 2]])
    const pulled = (await pull(server, clerk, `?cursor=${encodeURIComponent(cursor)}`)).body as PullResponse
    expect(answer.body.changes).toEqual(pulled.changes)
    expect(answer.body.cursor).toBe(pulled.cursor)
    expect((await pull(server, clerk, `?cursor=${encodeURIComponent(answer.body.cursor!)}`)).body.changes).toEqual([])
  })

  it('gives no cursor when a change the user may see came in between, but still echoes', async () => {
    const cursor = await pulledCursor(clerk)
    await push(server, colleague, [createCase(colleague, item)])
    const answer = await pushEcho(clerk, [createCase(clerk, item)], cursor)
    expect(answer.body.changes).toHaveLength(1)
    expect(answer.body.cursor).toBeUndefined()
  })

  it('moves the cursor over another centre\'s changes, which the user never pulls', async () => {
    const cursor = await pulledCursor(clerk)
    const lzxItem = (await catalogue(server, otherCentre)).find(i => i.code === 'SI-001')!
    await push(server, otherCentre, [createCase(otherCentre, lzxItem)])
    const answer = await pushEcho(clerk, [createCase(clerk, item)], cursor)
    expect(answer.body.cursor).toBeDefined()
    expect((await pull(server, clerk, `?cursor=${encodeURIComponent(answer.body.cursor!)}`)).body.changes).toEqual([])
  })

  it('gives no cursor for a cursor it did not make, one from a replaced database, or a batch that changed nothing', async () => {
    const create = createCase(clerk, item)
    expect((await pushEcho(clerk, [create], 'not-a-cursor')).body).toMatchObject({ results: [{ status: 'applied' }] })
    expect((await pushEcho(clerk, [createCase(clerk, item)], 'not-a-cursor')).body.cursor).toBeUndefined()
    const ahead = Buffer.from('s999999').toString('base64url')
    expect((await pushEcho(clerk, [createCase(clerk, item)], ahead)).body.cursor).toBeUndefined()
    const again = await pushEcho(clerk, [create], await pulledCursor(clerk))
    expect(again.body).toEqual({ results: [{ id: create.id, status: 'duplicate', version: 1 }], changes: [] })
  })
})

/** A tablet of ord-clerk1, synced, with `count` intakes waiting in its outbox. */
async function deviceWithIntakes(name: string, count: number) {
  const db = new ShiftDeskDB(name)
  const session = await signInAtCentral(db, server.url, 'ord-clerk1', 'shiftdesk-demo')
  await runSync(db, server.url)
  const known = (await db.serviceItems.toArray()).find(i => i.code === 'SI-001')!
  const taken = []
  for (let i = 0; i < count; i++) taken.push(await takeInCase(db, session.user, session.center, { ...PERSON_INTAKE, serviceItemId: known.id, materials: [] }))
  return { db, session, taken }
}

describe('the device engine with the echo', () => {
  it('keeps the server\'s copy of what it pushed and does not pull its own changes back', async () => {
    const { db, session, taken } = await deviceWithIntakes('push-echo-device', 3)
    await recordCaseChange(db, session.user, 'case.transition', taken[0]!.id, { action: 'start' })

    const report = await runSync(db, server.url)
    expect(report).toMatchObject({ outcome: 'synced', pushed: 4, pulled: 0, pending: 0 })
    for (const record of taken) {
      const stored = server.sql.prepare('select data from cases where id = ?').get(record.id) as { data: string }
      expect(await db.cases.get(record.id)).toEqual(JSON.parse(stored.data))
      expect(await db.caseBases.get(record.id)).toBeUndefined()
    }
    // The cursor moved past its own changes; a colleague's change still arrives.
    const before = await readMeta<string>(db, 'pullCursor', '')
    await push(server, colleague, [createCase(colleague, item)])
    expect(await runSync(db, server.url)).toMatchObject({ outcome: 'synced', pulled: 1 })
    expect(await readMeta<string>(db, 'pullCursor', '')).not.toBe(before)
  })

  it('pushes a backlog of several batches, overlapping the next push with recording, and keeps order around a rejection', async () => {
    const { db, session, taken } = await deviceWithIntakes('push-echo-backlog', 1020)
    await recordCaseChange(db, session.user, 'case.update', taken[10]!.id, { fields: { notes: '第三批里的修改' } })
    await recordCaseChange(db, session.user, 'case.update', taken[600]!.id, { fields: { notes: '跟在被拒的受理后面' } })
    // A colleague takes the case number of the 601st intake first: that intake is rejected in the second batch.
    const clash = createCase(colleague, item, { caseNo: taken[600]!.caseNo })
    expect((await push(server, colleague, [clash])).body.results[0]!.status).toBe('applied')

    const report = await runSync(db, server.url)
    expect(report).toMatchObject({ outcome: 'synced', pushed: 1021 })
    const left = await db.outbox.toArray()
    expect(left.map(e => [e.entityId, e.state])).toEqual([[taken[600]!.id, 'rejected'], [taken[600]!.id, 'pending']])
    expect(report.pending).toBe(1)
    const serverCase = (id: string) => server.sql.prepare('select data from cases where id = ?').get(id) as { data: string } | undefined
    expect(serverCase(taken[600]!.id)).toBeUndefined()
    for (const record of [taken[0]!, taken[10]!, taken[599]!, taken[601]!, taken[1019]!]) {
      expect(await db.cases.get(record.id)).toEqual(JSON.parse(serverCase(record.id)!.data))
    }
    expect(await db.cases.get(taken[10]!.id)).toMatchObject({ notes: '第三批里的修改', version: 2 })
  }, 120_000)
})
