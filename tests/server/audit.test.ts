import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceItem } from '../../src/domain/service-item'
import { type AuditRow, GENESIS_HASH, entryHash } from '../../server/audit/entry'
import { verifyChain } from '../../server/audit/verify'
import { loadAuditKey } from '../../server/audit/audit-key'
import { openSqliteStore } from '../../server/store/sqlite-store'
import type { CaseAuditEntry, VerifyResult } from '../../src/domain/audit'
import {
  type Session, type TestServer, catalogue, countRows, createCase, login, push, request, startServer, transitionCase, updateCase,
} from './helpers'

let server: TestServer
let ordA: Session
let ordB: Session
let lzx: Session
let admin: Session
let item: ServiceItem

beforeAll(async () => {
  server = await startServer()
  ordA = await login(server, 'ord-clerk1', 'tablet-a')
  ordB = await login(server, 'ord-clerk2', 'tablet-b')
  lzx = await login(server, 'lzx-clerk1', 'tablet-lzx')
  admin = await login(server, 'admin', 'admin-desk')
  item = (await catalogue(server, ordA)).find(i => i.code === 'SI-001')!
})
afterAll(() => server.close())

const auditKey = () => loadAuditKey(server.dataDir, { create: false })

interface Row { seq: number, mutation_id: string, case_id: string, changes: string, prev_hash: string, hash: string }
const rows = () => server.sql.prepare('select * from audit_log order by seq').all() as Row[]
const verify = async (session = admin) => request<VerifyResult>(server, 'GET', '/api/audit/verify', { token: session.token })
const caseAudit = (session: Session, id: string) =>
  request<{ caseId: string, entries: CaseAuditEntry[] }>(server, 'GET', `/api/cases/${id}/audit`, { token: session.token })

/** Pushes from three devices of two centres: creates, edits, a transition, a conflict and a rejection. */
async function busyDay() {
  const a1 = createCase(ordA, item)
  const a2 = createCase(ordA, item)
  await push(server, ordA, [a1, a2, updateCase(ordA, a1.entityId, { notes: '补充说明' }), transitionCase(ordA, a2.entityId, 'start')])
  await push(server, ordB, [updateCase(ordB, a1.entityId, { phone: '13911112222' }, { baseVersion: 2 })])
  const stale = updateCase(ordA, a1.entityId, { phone: '13700000000' }, { baseVersion: 2 })
  const l1 = createCase(lzx, (await catalogue(server, lzx)).find(i => i.code === 'SI-001')!)
  const answers = await push(server, ordA, [stale, transitionCase(ordA, a2.entityId, 'decline')])
  expect(answers.body.results.map(r => r.status)).toEqual(['conflict', 'rejected'])
  await push(server, lzx, [l1])
  return { a1, a2, l1 }
}

/** Runs `tamper` with the append-only triggers lifted (as someone with the file would), then puts things back. */
async function tampered<T>(tamper: () => T | Promise<T>, restore: () => void): Promise<T> {
  server.sql.exec('drop trigger audit_log_no_update; drop trigger audit_log_no_delete')
  try { return await tamper() }
  finally {
    restore()
    server.sql.exec(`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end;
      create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`)
  }
}

describe('audit trail', () => {
  let day: Awaited<ReturnType<typeof busyDay>>
  beforeAll(async () => { day = await busyDay() })

  it('has one chained entry per applied change, the demo seed included, and the chain verifies', async () => {
    const all = rows()
    expect(all.length).toBe(countRows(server, 'mutations', 'status = ?', 'applied'))
    expect(all.length).toBeGreaterThan(160) // the demo seed's creates and transitions are audited too
    expect(all[0]!.prev_hash).toBe(GENESIS_HASH)
    all.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(all[i]!.hash))
    // The conflict and the rejection changed nothing and have no entry.
    expect(countRows(server, 'audit_log a join mutations m on m.id = a.mutation_id', 'm.status != ?', 'applied')).toBe(0)
    // seq is the change sequence: the case row carries the seq of its last entry.
    const last = server.sql.prepare('select max(seq) as seq from audit_log where case_id = ?').get(day.a1.entityId) as { seq: number }
    expect(server.sql.prepare('select seq from cases where id = ?').get(day.a1.entityId)).toEqual(last)

    const answer = await verify()
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ ok: true, entries: all.length, head: { seq: all.at(-1)!.seq, hash: all.at(-1)!.hash } })
    expect(answer.body.firstBroken).toBeUndefined()
    // Chunk by chunk (as for millions of entries), from a read-only connection: the same answer.
    const store = openSqliteStore(server.dataDir, { readonly: true })
    try { expect(await verifyChain(store, auditKey(), { chunk: 7 })).toEqual(answer.body) }
    finally { await store.close() }
  })

  it('records who, where, when and what changed, field by field', async () => {
    const entries = (await caseAudit(ordA, day.a1.entityId)).body.entries
    expect(entries.map(e => [e.op, e.actorName, e.deviceId])).toEqual([
      ['case.create', ordA.user.name, 'tablet-a'], ['case.update', ordA.user.name, 'tablet-a'], ['case.update', ordB.user.name, 'tablet-b'],
    ])
    expect(entries[0]!.changes).toMatchObject({ caseNo: { after: day.a1.payload.caseNo }, status: { after: 'received' }, notes: { after: '' } })
    expect(entries[0]!.changes).not.toHaveProperty('history')
    expect(entries[1]!.changes).toEqual({ notes: { before: '', after: '补充说明' } })
    expect(entries[2]!.changes).toEqual({ phone: { before: '138****5678', after: '139****2222' } })
    expect(entries[0]!.clientTime).toBe(day.a1.clientTime)
    expect(Date.parse(entries[0]!.serverTime)).toBeGreaterThan(0)
    const start = (await caseAudit(ordA, day.a2.entityId)).body.entries[1]!
    expect(start).toMatchObject({ op: 'case.transition', action: 'start', changes: { status: { before: 'received', after: 'in_progress' } } })
  })

  it('stores values whole but shows ID numbers and phones masked', async () => {
    const stored = JSON.parse(rows().find(r => r.mutation_id === day.a1.id)!.changes) as Record<string, { after: unknown }>
    expect(stored.idNumber!.after).toBe(day.a1.payload.idNumber)
    const answer = await caseAudit(ordA, day.a1.entityId)
    const text = JSON.stringify(answer.body)
    expect(text).not.toContain(day.a1.payload.idNumber as string)
    expect(text).not.toContain('13911112222')
    expect(answer.body.entries[0]!.changes!.idNumber!.after).toMatch(/^\d{4}\*{10}[\dX]{4}$/)
  })

  it('lets staff of the case\'s centre and admins read a case\'s trail, and nobody else', async () => {
    expect((await caseAudit(ordB, day.a1.entityId)).status).toBe(200)
    expect((await caseAudit(admin, day.l1.entityId)).body.entries).toHaveLength(1)
    const other = await caseAudit(lzx, day.a1.entityId)
    expect(other.status).toBe(403)
    expect(other.body).toMatchObject({ error: 'FORBIDDEN' })
    expect(JSON.stringify(other.body)).not.toContain('tablet-a')
    expect((await caseAudit(ordA, '01900000-0000-7000-8000-000000000000')).status).toBe(404)
    expect((await request(server, 'GET', `/api/cases/${day.a1.entityId}/audit`)).status).toBe(401)
  })

  it('lets only admins verify the chain', async () => {
    expect((await verify(ordA)).status).toBe(403)
    expect((await verify(await login(server, 'ord-super'))).status).toBe(403)
    expect((await request(server, 'GET', '/api/audit/verify')).status).toBe(401)
  })

  it('refuses updates and deletes of entries through SQL', () => {
    expect(() => server.sql.prepare('update audit_log set changes = ? where seq = ?').run('{}', rows()[3]!.seq)).toThrow(/append-only/)
    expect(() => server.sql.prepare('delete from audit_log where seq = ?').run(rows()[3]!.seq)).toThrow(/append-only/)
  })

  it('finds a changed entry, a removed entry, an edited hash and a cut-off end, at the first broken seq', async () => {
    const all = rows()
    const target = all[Math.floor(all.length / 2)]!
    const after = all[all.indexOf(target) + 1]!
    const set = (column: string, value: string) => server.sql.prepare(`update audit_log set ${column} = ? where seq = ?`).run(value, target.seq)
    const broken = async () => (await verify()).body

    const changed = await tampered(async () => {
      set('changes', target.changes.replace('"after":', '"after":"tampered",'))
      return broken()
    }, () => set('changes', target.changes))
    expect(changed).toMatchObject({ ok: false, firstBroken: { seq: target.seq, reason: expect.stringMatching(/content/) } })
    expect(changed.entries).toBe(all.indexOf(target) + 1)

    expect(await tampered(async () => {
      set('hash', 'f'.repeat(64))
      return broken()
    }, () => set('hash', target.hash))).toMatchObject({ ok: false, firstBroken: { seq: target.seq } })

    const reinsert = (row: Row) => {
      const full = server.sql.prepare('select * from audit_log where seq = ?').get(row.seq)
      return () => {
        if (server.sql.prepare('select 1 from audit_log where seq = ?').get(row.seq)) return
        const values = full as Record<string, unknown>
        server.sql.prepare(`insert into audit_log (${Object.keys(values).join(', ')}) values (${Object.keys(values).map(k => `@${k}`).join(', ')})`).run(values)
      }
    }
    const restoreTarget = reinsert(target)
    expect(await tampered(async () => {
      server.sql.prepare('delete from audit_log where seq = ?').run(target.seq)
      return broken()
    }, restoreTarget)).toMatchObject({ ok: false, firstBroken: { seq: after.seq, reason: expect.stringMatching(/removed/) } })

    const last = all.at(-1)!
    const restoreLast = reinsert(last)
    expect(await tampered(async () => {
      server.sql.prepare('delete from audit_log where seq = ?').run(last.seq)
      return broken()
    }, restoreLast)).toMatchObject({ ok: false, firstBroken: { seq: last.seq, reason: expect.stringMatching(/end/) } })

    // Recomputing the changed entry's own hash only moves the break to the entry after it.
    const forged = target.changes.replace('"after":', '"after":"forged",')
    const rehashed = entryHash(auditKey(), target.prev_hash, { ...(server.sql.prepare('select * from audit_log where seq = ?').get(target.seq) as AuditRow), changes: forged })
    expect(await tampered(async () => {
      set('changes', forged)
      set('hash', rehashed)
      return broken()
    }, () => { set('changes', target.changes); set('hash', target.hash) })).toMatchObject({ ok: false, firstBroken: { seq: after.seq } })

    expect(await broken()).toMatchObject({ ok: true, entries: all.length })
  })

  it('writes nothing to the trail for a batch that fails, and keeps verifying', async () => {
    const before = rows().length
    server.sql.exec(`create trigger fail_audit_batch before insert on cases when new.data like '%AUDIT-POISON%'
      begin select raise(abort, 'injected failure'); end`)
    try {
      const answer = await push(server, ordA, [createCase(ordA, item), createCase(ordA, item, { notes: 'AUDIT-POISON' })])
      expect(answer.status).toBe(500)
    }
    finally { server.sql.exec('drop trigger fail_audit_batch') }
    expect(rows().length).toBe(before)
    expect((await verify()).body).toMatchObject({ ok: true, entries: before })
  })

  it('npm run audit:verify prints the result and exits 1 when the chain is broken', async () => {
    const run = (dataDir: string) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/audit/cli.ts', '--data-dir', dataDir])
      .then(out => ({ code: 0, out: out.stdout + out.stderr }), (error: { code: number, stdout: string, stderr: string }) => ({ code: error.code, out: error.stdout + error.stderr }))
    const intact = await run(server.dataDir)
    expect(intact).toMatchObject({ code: 0, out: expect.stringMatching(/intact: \d+ entries/) })
    const target = rows()[5]!
    const broken = await tampered(() => {
      server.sql.prepare('update audit_log set changes = ? where seq = ?').run('{}', target.seq)
      return run(server.dataDir)
    }, () => server.sql.prepare('update audit_log set changes = ? where seq = ?').run(target.changes, target.seq))
    expect(broken).toMatchObject({ code: 1, out: expect.stringContaining(`BROKEN at seq ${target.seq}`) })
  }, 60_000)
})
