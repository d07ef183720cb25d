import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app'
import { AUDIT_KEY_FILE, loadAuditKey } from '../../server/audit/audit-key'
import { type AuditRow, entryHash, plainEntryHash } from '../../server/audit/entry'
import type { VerifyResult } from '../../src/domain/audit'
import type { ServiceItem } from '../../src/domain/service-item'
import { type Session, type TestServer, catalogue, createCase, login, push, request, startServer, transitionCase } from './helpers'

/**
 * The audit trail against someone who can write the database file (issue #12): a chain recomputed
 * without the key, a record of where the chain is keyed moved, a case edited in `cases` directly.
 */
let server: TestServer
let admin: Session
let clerk: Session
let item: ServiceItem
let caseId: string

beforeAll(async () => {
  server = await startServer({ demo: true })
  admin = await login(server, 'admin')
  clerk = await login(server, 'ord-clerk1')
  item = (await catalogue(server, clerk)).find(i => i.code === 'SI-001')!
  const create = createCase(clerk, item)
  caseId = create.entityId
  await push(server, clerk, [create, transitionCase(clerk, caseId, 'start')])
})
afterAll(() => server.close())

const verify = async () => (await request<VerifyResult>(server, 'GET', '/api/audit/verify', { token: admin.token })).body
const cli = (env: NodeJS.ProcessEnv = {}) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/audit/cli.ts', '--data-dir', server.dataDir], { env: { ...process.env, AUDIT_KEY: '', AUDIT_KEY_FILE: '', ...env } })
  .then(out => ({ code: 0, out: out.stdout + out.stderr }), (error: { code: number, stdout: string, stderr: string }) => ({ code: error.code, out: error.stdout + error.stderr }))

const rows = () => server.sql.prepare('select * from audit_log order by seq').all() as AuditRow[]
const meta = (key: string) => (server.sql.prepare('select value from meta where key = ?').get(key) as { value: string }).value

/**
 * As an insider with the file would: lifts the append-only triggers, forges the entry of `seq`,
 * recomputes its hash and every later one with `rehash`, and moves the head; returns the undo.
 */
function rewriteChain(seq: number, forge: (row: AuditRow) => AuditRow, rehash: (prev: string, row: AuditRow) => string): () => void {
  const all = rows()
  const savedHead = meta('audit_head')
  server.sql.exec('drop trigger audit_log_no_update')
  const update = server.sql.prepare('update audit_log set changes = @changes, prev_hash = @prev_hash, hash = @hash where seq = @seq')
  let prev = all.findLast(r => r.seq < seq)?.hash ?? '0'.repeat(64)
  for (const row of all.filter(r => r.seq >= seq)) {
    const next = row.seq === seq ? forge(row) : row
    const hash = rehash(prev, { ...next, prev_hash: prev })
    update.run({ ...next, prev_hash: prev, hash })
    prev = hash
  }
  server.sql.prepare('update meta set value = ? where key = \'audit_head\'').run(JSON.stringify({ seq: all.at(-1)!.seq, hash: prev }))
  return () => {
    for (const row of all) update.run(row)
    server.sql.prepare('update meta set value = ? where key = \'audit_head\'').run(savedHead)
    server.sql.exec('create trigger audit_log_no_update before update on audit_log begin select raise(abort, \'audit_log is append-only\'); end')
  }
}

const ourCreate = () => rows().find(r => r.case_id === caseId && r.op === 'case.create')!
const forgeId = (row: AuditRow) => ({ ...row, changes: row.changes.replace(/"idNumber":\{"after":"[0-9X]+"\}/, '"idNumber":{"after":"150602199001011234"}') })

describe('a keyed audit chain', () => {
  it('verifies, with every case replayed, and the CLI agrees', async () => {
    const result = await verify()
    expect(result).toMatchObject({ ok: true, cases: { differing: 0, firstDiffering: [] } })
    expect(result.cases!.checked).toBeGreaterThan(100)
    const run = await cli()
    expect(run).toMatchObject({ code: 0, out: expect.stringMatching(/intact[\s\S]*Cases match their history: \d+ replayed/) })
  }, 60_000)

  it('catches an entry rewritten with the plain SHA-256 chain recomputed to the head; the CLI exits 1', async () => {
    const target = ourCreate()
    expect(forgeId(target).changes).not.toBe(target.changes)
    const undo = rewriteChain(target.seq, forgeId, (prev, row) => plainEntryHash(prev, row))
    try {
      const result = await verify()
      expect(result).toMatchObject({ ok: false, firstBroken: { seq: target.seq, reason: expect.stringMatching(/audit key/) } })
      const run = await cli()
      expect(run).toMatchObject({ code: 1, out: expect.stringContaining(`BROKEN at seq ${target.seq}`) })
    }
    finally { undo() }
    expect((await verify()).ok).toBe(true)
  }, 60_000)

  it('catches a chain recomputed as HMAC under a wrong key', async () => {
    const target = ourCreate()
    const wrong = randomBytes(32)
    const undo = rewriteChain(target.seq, forgeId, (prev, row) => entryHash(wrong, prev, row))
    try { expect(await verify()).toMatchObject({ ok: false, firstBroken: { seq: target.seq } }) }
    finally { undo() }
  })

  it('catches the record of where the chain is keyed moved past the head to pass off a plain chain', async () => {
    const saved = meta('audit_keyed')
    const marker = JSON.parse(saved) as { from: number, prevHash: string, mac: string }
    const undo = rewriteChain(1, row => row, (prev, row) => plainEntryHash(prev, row))
    server.sql.prepare('update meta set value = ? where key = \'audit_keyed\'').run(JSON.stringify({ ...marker, from: 1_000_000 }))
    try { expect(await verify()).toMatchObject({ ok: false, firstBroken: { reason: expect.stringMatching(/audit_keyed does not verify/) } }) }
    finally {
      server.sql.prepare('update meta set value = ? where key = \'audit_keyed\'').run(saved)
      undo()
    }
    expect((await verify()).ok).toBe(true)
  })

  it('catches a direct UPDATE of a case\'s status or ID number in cases, naming the case; the CLI exits 1', async () => {
    const stored = (server.sql.prepare('select data from cases where id = ?').get(caseId) as { data: string }).data
    const edits = [
      { status: 'completed' },
      { idNumber: '150602199001011234' },
    ]
    try {
      for (const edit of edits) {
        server.sql.prepare('update cases set data = ? where id = ?').run(JSON.stringify({ ...JSON.parse(stored), ...edit }), caseId)
        const result = await verify()
        const field = Object.keys(edit)[0]!
        expect(result).toMatchObject({ ok: false, cases: { differing: 1, firstDiffering: [{ id: caseId, reason: `${field}: stored value differs from its history` }] } })
        // The chain itself is intact: only the replay sees it.
        expect(result.firstBroken).toBeUndefined()
      }
      const run = await cli()
      expect(run).toMatchObject({ code: 1, out: expect.stringContaining('1 of') })
      expect(run.out).toContain(caseId)
    }
    finally { server.sql.prepare('update cases set data = ? where id = ?').run(stored, caseId) }
    expect((await verify()).ok).toBe(true)
  }, 60_000)

  it('catches a case row removed from cases', async () => {
    const row = server.sql.prepare('select * from cases where id = ?').get(caseId) as Record<string, unknown>
    server.sql.pragma('foreign_keys = OFF')
    server.sql.prepare('delete from cases where id = ?').run(caseId)
    try { expect((await verify()).cases).toMatchObject({ differing: 1, firstDiffering: [{ id: caseId, reason: expect.stringMatching(/no row/) }] }) }
    finally {
      server.sql.prepare(`insert into cases (${Object.keys(row).join(', ')}) values (${Object.keys(row).map(k => `@${k}`).join(', ')})`).run(row)
    }
    expect((await verify()).ok).toBe(true)
  })

  it('the CLI without the key says so and exits 2; with AUDIT_KEY or AUDIT_KEY_FILE it verifies', async () => {
    const keyFile = path.join(server.dataDir, AUDIT_KEY_FILE)
    const moved = path.join(server.dataDir, '..', `${path.basename(server.dataDir)}-audit.key`)
    fs.renameSync(keyFile, moved)
    try {
      const run = await cli()
      expect(run).toMatchObject({ code: 2, out: expect.stringMatching(/No audit key: set AUDIT_KEY/) })
      expect((await cli({ AUDIT_KEY_FILE: moved })).code).toBe(0)
      expect((await cli({ AUDIT_KEY: fs.readFileSync(moved, 'utf8').trim() })).code).toBe(0)
      expect(await cli({ AUDIT_KEY: randomBytes(32).toString('base64') })).toMatchObject({ code: 1, out: expect.stringMatching(/audit_keyed does not verify/) })
    }
    finally { fs.renameSync(moved, keyFile) }
  }, 60_000)
})

describe('the audit key file', () => {
  it('is made at the first start with mode 0600, and a server with another key refuses to start', async () => {
    const keyFile = path.join(server.dataDir, AUDIT_KEY_FILE)
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(loadAuditKey(server.dataDir, { create: false })).toHaveLength(32)
    await expect(buildApp({ dataDir: server.dataDir, env: { AUDIT_KEY: randomBytes(32).toString('hex') } }))
      .rejects.toThrow(/not the key this database's audit chain was written with/)
  })

  it('refuses a key file others can read, and a key that is too short', () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(server.dataDir), 'shiftdesk-key-'))
    try {
      fs.writeFileSync(path.join(dir, AUDIT_KEY_FILE), randomBytes(32).toString('hex'), { mode: 0o644 })
      fs.chmodSync(path.join(dir, AUDIT_KEY_FILE), 0o644)
      expect(() => loadAuditKey(dir, { create: false, env: {} })).toThrow(/readable by other users: chmod 600/)
      expect(() => loadAuditKey(dir, { create: false, env: { AUDIT_KEY: 'abcd' } })).toThrow(/AUDIT_KEY must hold at least 32 bytes/)
    }
    finally { fs.rmSync(dir, { recursive: true, force: true }) }
  })
})
