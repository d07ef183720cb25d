import 'fake-indexeddb/auto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app'
import { recordCaseChange, takeInCase } from '../../src/db/case-writes'
import { ShiftDeskDB } from '../../src/db/database'
import { outboxInState } from '../../src/db/outbox-queries'
import { resolveConflict } from '../../src/db/outbox-writes'
import { signInAtCentral } from '../../src/sync/central-auth'
import { runSync } from '../../src/sync/run-sync'
import { newId } from '../../src/domain'
import { PERSON_INTAKE, SUPERVISOR, mutation } from '../support/fixtures'

/** The device's real sync engine against the real server over HTTP: two tablets of one centre. */
let app: FastifyInstance
let url: string
let dataDir: string
let devices = 0

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiftdesk-device-'))
  app = await buildApp({ dataDir, demo: true, distDir: null, logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(async () => {
  await app.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function device(username: string) {
  const db = new ShiftDeskDB(`device-sync-${++devices}`)
  const session = await signInAtCentral(db, url, username, 'shiftdesk-demo')
  await runSync(db, url)
  return { db, session }
}

async function intakeOn(d: Awaited<ReturnType<typeof device>>) {
  const item = (await d.db.serviceItems.toArray()).find(i => i.name === '个人征信报告打印')!
  return takeInCase(d.db, d.session.user, d.session.center, { ...PERSON_INTAKE, serviceItemId: item.id, materials: [] })
}

describe('device sync engine against the central server', () => {
  it('pulls the catalogue and the centre’s cases on first sync', async () => {
    const a = await device('ord-clerk1')
    expect(await a.db.serviceItems.count()).toBeGreaterThanOrEqual(16)
    const centers = new Set((await a.db.cases.toArray()).map(c => c.centerId))
    expect([...centers]).toEqual([a.session.user.centerId])
  })

  it('pushes a case taken in on one tablet; the other tablet sees it', async () => {
    const a = await device('ord-clerk1')
    const b = await device('ord-clerk2')
    const record = await intakeOn(a)
    const report = await runSync(a.db, url)
    expect(report).toMatchObject({ outcome: 'synced', pushed: 1, pending: 0 })
    expect((await a.db.cases.get(record.id))!.version).toBe(1)
    await runSync(b.db, url)
    expect(await b.db.cases.get(record.id)).toMatchObject({ caseNo: record.caseNo, version: 1 })
  })

  it('merges offline edits of different fields and reports a conflict on the same field', async () => {
    const a = await device('ord-clerk1')
    const b = await device('ord-clerk2')
    const record = await intakeOn(a)
    await runSync(a.db, url)
    await runSync(b.db, url)
    // Both tablets edit while offline from each other.
    await recordCaseChange(a.db, a.session.user, 'case.update', record.id, { fields: { phone: '13900139000' } })
    await recordCaseChange(b.db, b.session.user, 'case.update', record.id, { fields: { notes: '已电话联系' } })
    await recordCaseChange(b.db, b.session.user, 'case.update', record.id, { fields: { windowNo: '9' } })
    await runSync(a.db, url)
    await runSync(b.db, url)
    await runSync(a.db, url)
    for (const d of [a, b]) expect(await d.db.cases.get(record.id)).toMatchObject({ phone: '13900139000', notes: '已电话联系', windowNo: '9', version: 4 })

    await recordCaseChange(a.db, a.session.user, 'case.update', record.id, { fields: { phone: '13700137000' } })
    await recordCaseChange(b.db, b.session.user, 'case.update', record.id, { fields: { phone: '13600136000' } })
    await runSync(a.db, url)
    const report = await runSync(b.db, url)
    expect(report.pending).toBe(0)
    const [conflict] = await outboxInState(b.db, 'conflict').toArray()
    expect(conflict?.result).toMatchObject({ status: 'conflict', fields: ['phone'] })
    // What tablet B shows is the central system's state; its own change waits for a person.
    expect((await b.db.cases.get(record.id))!.phone).toBe('13700137000')
  })

  it('settles a conflict either way, keeps later changes waiting behind it, and records the choice', async () => {
    const a = await device('ord-clerk1')
    const b = await device('ord-clerk2')
    const record = await intakeOn(a)
    await runSync(a.db, url)
    await runSync(b.db, url)
    const edit = (d: typeof a, fields: Record<string, unknown>) => recordCaseChange(d.db, d.session.user, 'case.update', record.id, { fields })
    await edit(a, { phone: '13700137000' })
    await runSync(a.db, url)
    await edit(b, { phone: '13600136000' })
    await edit(b, { notes: '材料齐全' }) // queued behind the conflicting change
    await runSync(b.db, url)
    const [conflict] = await outboxInState(b.db, 'conflict').toArray()
    expect(conflict).toBeDefined()
    // The change behind it was not judged: it still waits, and is not shown as a second conflict.
    expect(await outboxInState(b.db, 'pending').count()).toBe(1)

    await resolveConflict(b.db, conflict!.seq!, 'mine')
    expect((await b.db.cases.get(record.id))!.phone).toBe('13600136000') // mine, shown at once
    expect(await runSync(b.db, url)).toMatchObject({ outcome: 'synced', pending: 0 })
    await runSync(a.db, url)
    for (const d of [a, b]) expect(await d.db.cases.get(record.id)).toMatchObject({ phone: '13600136000', notes: '材料齐全' })
    const settled = (await a.db.cases.get(record.id))!.history.find(h => h.resolves)
    expect(settled).toMatchObject({ actorId: b.session.user.id, resolves: { mutationId: conflict!.id, choice: 'mine' } })

    // Now the other way: B keeps the central system's value.
    await edit(a, { phone: '13500135000' })
    await runSync(a.db, url)
    await edit(b, { phone: '13400134000' })
    await runSync(b.db, url)
    const [second] = await outboxInState(b.db, 'conflict').toArray()
    await resolveConflict(b.db, second!.seq!, 'theirs')
    await runSync(b.db, url)
    await runSync(a.db, url)
    for (const d of [a, b]) expect((await d.db.cases.get(record.id))!.phone).toBe('13500135000')
    expect((await b.db.cases.get(record.id))!.history.at(-1)).toMatchObject({ resolves: { mutationId: second!.id, choice: 'theirs' }, fields: [] })
    expect(await b.db.outbox.count()).toBe(0)
  })

  it('keeps an actor’s changes when the server refuses their session, and sends them after sign-in', async () => {
    const a = await device('ord-clerk1')
    await intakeOn(a)
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${a.session.token}` } })
    const refused = await runSync(a.db, url)
    expect(refused.pending).toBe(1)
    expect((await a.db.sessions.get(a.session.userId))!.expired).toBe(true)
    await signInAtCentral(a.db, url, 'ord-clerk1', 'shiftdesk-demo')
    expect(await runSync(a.db, url)).toMatchObject({ outcome: 'synced', pushed: 1, pending: 0 })
  })

  it('sends a colleague’s changes even behind thousands held for someone signed out', async () => {
    const a = await device('ord-clerk1')
    // A supervisor's backlog from the last shift, waiting for them to sign in on this tablet again.
    await a.db.outbox.bulkAdd(Array.from({ length: 2100 }, () => {
      const m = mutation('case.update', newId(), { fields: { notes: '待签收' } }, { actorId: SUPERVISOR.id })
      return { id: m.id, entityId: m.entityId, actorId: SUPERVISOR.id, actor: SUPERVISOR, state: 'pending' as const, mutation: m }
    }))
    await intakeOn(a)
    expect(await runSync(a.db, url)).toMatchObject({ outcome: 'synced', pushed: 1, pending: 2100 })
  })

  it('treats an unreachable central system as unreachable and keeps everything', async () => {
    const a = await device('ord-clerk1')
    await intakeOn(a)
    const report = await runSync(a.db, 'http://127.0.0.1:9')
    expect(report).toMatchObject({ outcome: 'unreachable', pending: 1 })
    expect(await a.db.outbox.count()).toBe(1)
  })
  it('does not take a captive portal’s 200 with HTML for success', async () => {
    const a = await device('ord-clerk1')
    await intakeOn(a)
    const portal = http.createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<h1>请先登录 Wi-Fi</h1>') })
    await new Promise<void>(resolve => portal.listen(0, '127.0.0.1', resolve))
    const port = (portal.address() as { port: number }).port
    try {
      expect(await runSync(a.db, `http://127.0.0.1:${port}`)).toMatchObject({ outcome: 'unreachable', pending: 1 })
      expect(await a.db.outbox.count()).toBe(1)
    }
    finally { portal.close() }
  })
})
