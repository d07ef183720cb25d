import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app'
import { loadAuditKey } from '../../server/audit/audit-key'
import { type AuditRow, entryHash, plainEntryHash } from '../../server/audit/entry'
import { Kysely, SqliteDialect } from 'kysely'
import { migrateToLatest } from '../../server/store/migrations'
import type { Database } from '../../server/store/schema'
import { DB_FILE } from '../../server/store/sqlite-store'
import { formatCaseNo } from '../../src/domain/case-number'
import { centerDay } from '../../src/domain/center-time'
import type { LoginResponse, PullResponse, PushResponse } from '../../src/domain/protocol'
import { CASES, CLERK, IDS, MUTATIONS, PASSWORD, PREVIOUS_MIGRATION, TOKEN, fillRelease0003 } from '../support/server-release-0003'
import { type TestServer, request } from './helpers'

/**
 * The central server's side of schema-upgrade.test.ts: a database the previous release left (its
 * migrations, its rows, see tests/support/server-release-0003.ts) is opened by today's server.
 */
type Rows = Record<string, Record<string, unknown>[]>

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiftdesk-upgrade-'))
let app: FastifyInstance
let server: TestServer
let before: Rows
/** Every table as the upgraded server first opened it, before any request. */
let after: Rows

const tables = (sql: SQLite.Database) => (sql.prepare('select name from sqlite_master where type = \'table\' and name not like \'kysely_%\' and name not like \'sqlite_%\' order by name').all() as { name: string }[]).map(t => t.name)
const dump = (sql: SQLite.Database): Rows => Object.fromEntries(tables(sql).map(t => [t, sql.prepare(`select * from ${t} order by rowid`).all() as Record<string, unknown>[]]))
const migrationsRun = (sql: SQLite.Database) => (sql.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(m => m.name)

beforeAll(async () => {
  // The previous release's schema, made by its migrations on a plain connection, filled as that release wrote rows.
  const sqlite = new SQLite(path.join(dataDir, DB_FILE))
  const old = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  await migrateToLatest(old, PREVIOUS_MIGRATION)
  fillRelease0003(sqlite)
  before = dump(sqlite)
  await old.destroy()

  app = await buildApp({ dataDir, demo: false, distDir: null, logger: false, checkResponses: true })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  server = { app, url, dataDir, sql: new SQLite(path.join(dataDir, DB_FILE)), close: async () => undefined }
  after = dump(server.sql)
})
afterAll(async () => {
  server?.sql.close()
  await app?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const login = async (username: string) => {
  const answer = await request<LoginResponse>(server, 'POST', '/api/auth/login', { json: { username, password: PASSWORD, deviceId: `after-upgrade-${username}` } })
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body
}

describe('upgrading the central database from the previous release', () => {
  it('was at the previous schema, and runs the newer migrations over it', () => {
    expect(before.bookings!.every(row => !('case_id' in row) && !('version' in row))).toBe(true)
    expect(migrationsRun(server.sql)).toEqual([
      '0001_initial', '0002_audit_log', '0003_calendars_bookings', '0004_booking_checkin', '0005_accounts_devices', '0006_staff_accounts', '0007_booking_person_limits',
      '0008_mutation_log_without_payload',
    ])
  })

  it('keeps every row; the bookings gain version 1, no case and no consent time, the staff stay enabled with their passwords, the log drops payloads', () => {
    expect(Object.keys(after)).toEqual([...Object.keys(before), 'account_events', 'devices'].sort())
    expect(after.devices).toEqual([])
    expect(after.account_events).toEqual([])
    const added: Record<string, Record<string, unknown>> = {
      bookings: { case_id: null, version: 1, consented_at: null },
      // Supervisors decide for every department until an administrator names theirs.
      users: { disabled_at: null, must_change_password: 0, departments: '[]' },
    }
    // The mutation log no longer keeps payloads (0008): the rest of each row stays.
    const removed: Record<string, string[]> = { mutations: ['payload'] }
    const without = (row: Record<string, unknown>, columns: string[] = []) => Object.fromEntries(Object.entries(row).filter(([c]) => !columns.includes(c)))
    expect(before.mutations!.every(row => 'payload' in row)).toBe(true)
    // The server keyed the audit chain from the entry after the old head (0003's entries stay plain SHA-256).
    const head = JSON.parse(before.meta!.find(row => row.key === 'audit_head')!.value as string) as { seq: number, hash: string }
    const keyed = after.meta!.find(row => row.key === 'audit_keyed')
    expect(JSON.parse(keyed!.value as string)).toMatchObject({ from: head.seq + 1, prevHash: head.hash })
    after.meta = after.meta!.filter(row => row !== keyed)
    for (const table of Object.keys(before)) {
      const expected = before[table]!.map(row => ({ ...without(row, removed[table]), ...added[table] }))
      expect(after[table], table).toEqual(expected)
    }
    expect(before.cases).toHaveLength(2)
    expect(before.audit_log).toHaveLength(3)
  })

  it('serves the cases, the catalogue and the bookings (as appointments) to a tablet signed in before the upgrade', async () => {
    const answer = await request<PullResponse>(server, 'GET', '/api/sync/pull', { token: TOKEN })
    expect(answer.status).toBe(200)
    const { changes, hasMore } = answer.body
    expect(hasMore).toBe(false)
    expect(changes.map(c => [c.entity, c.id, c.version])).toEqual([
      ['serviceItem', IDS.item, 1], ['case', IDS.caseA, 2], ['case', IDS.caseB, 1],
      ['appointment', IDS.booked, 1], ['appointment', IDS.cancelled, 1],
    ])
    expect(changes.find(c => c.id === IDS.caseA)!.data).toEqual(CASES.a)
    expect(changes.find(c => c.id === IDS.caseB)!.data).toEqual(CASES.b)
    expect(changes.find(c => c.id === IDS.booked)!.data).toMatchObject({
      code: 'K7QPX2MA', status: 'booked', caseId: null, version: 1, itemName: '个人征信报告打印', slotStart: '09:30', slotEnd: '10:00', kind: 'weekend',
    })
    expect(changes.find(c => c.id === IDS.cancelled)!.data).toMatchObject({ status: 'cancelled', caseId: null, version: 1 })
  })

  it('signs staff in with the passwords set before, and keeps the calendar, the holidays and a citizen\'s booking', async () => {
    const clerk = await login(CLERK.username)
    expect(clerk.user).toMatchObject({ id: IDS.clerk, role: 'clerk', centerId: IDS.center })
    expect(clerk.center).toMatchObject({ id: IDS.center, code: 'ORD' })
    const wrong = await request(server, 'POST', '/api/auth/login', { json: { username: CLERK.username, password: 'not-it', deviceId: 'x' } })
    expect(wrong.status).toBe(401)

    const calendar = await request<{ version: number, calendar: { weekend: { itemIds: string[] }[] } }>(server, 'GET', `/api/centers/${IDS.center}/calendar`, { token: clerk.token })
    expect(calendar.body).toMatchObject({ version: 1, calendar: { weekend: [{ itemIds: [IDS.item] }] } })
    // The administrator's list of 2026, not the official one seeded again over it.
    const holidays = await request<{ days: { date: string, kind: string }[] }>(server, 'GET', '/api/holidays/2026', { token: clerk.token })
    expect(holidays.body.days.map(d => [d.date, d.kind])).toEqual([['2026-10-01', 'holiday'], ['2026-10-10', 'workday']])
    const lookup = await request<{ summary: { status: string } }>(server, 'GET', '/api/public/bookings/K7QPX2MA?mobile=13904771234')
    expect(lookup.status).toBe(200)
    expect(lookup.body.summary.status).toBe('booked')
  })

  it('verifies the audit chain written before the upgrade and shows a case\'s entries', async () => {
    const admin = await login('admin')
    const verified = await request<{ ok: boolean, entries: number, head: { seq: number } }>(server, 'GET', '/api/audit/verify', { token: admin.token })
    expect(verified.body).toMatchObject({ ok: true, entries: 3, head: { seq: 4 } })
    const trail = await request<{ entries: { mutationId: string, action: string | null }[] }>(server, 'GET', `/api/cases/${IDS.caseA}/audit`, { token: TOKEN })
    expect(trail.body.entries.map(e => [e.mutationId, e.action])).toEqual([[IDS.create1, null], [IDS.start1, 'start']])
  })

  it('answers changes sent again from before the upgrade from its log, and applies new ones on top (a check-in of an old booking)', async () => {
    const { body: { cursor } } = await request<PullResponse>(server, 'GET', '/api/sync/pull', { token: TOKEN })
    const resent = await request<PushResponse>(server, 'POST', '/api/sync/push', {
      token: TOKEN, json: { deviceId: MUTATIONS.start1.deviceId, mutations: [MUTATIONS.start1, MUTATIONS.refused] },
    })
    expect(resent.body.results).toEqual([
      { id: IDS.start1, status: 'duplicate', version: 2 },
      expect.objectContaining({ id: IDS.refused, status: 'rejected', code: 'FORBIDDEN', reason: 'reject.role' }),
    ])

    const caseId = '01930000-0000-7000-8000-000000000040'
    const checkIn = {
      id: '01930000-0000-7000-8000-000000000041', deviceId: MUTATIONS.start1.deviceId, actorId: IDS.clerk, entity: 'case', entityId: caseId,
      op: 'case.create', baseVersion: 0, clientTime: new Date().toISOString(),
      payload: {
        caseNo: formatCaseNo('ORD', centerDay(new Date()), 'R3LS0', 3), receivedAt: new Date().toISOString(), applicantType: 'person',
        applicantName: '周丽', idNumber: '150602198503120042', contactName: '', phone: '13904771234', serviceItemId: IDS.item,
        materials: [], channel: 'appointment', windowNo: '', notes: '', appointmentId: IDS.booked,
      },
    }
    const pushed = await request<PushResponse>(server, 'POST', '/api/sync/push', { token: TOKEN, json: { deviceId: checkIn.deviceId, mutations: [checkIn] } })
    expect(pushed.body.results).toEqual([{ id: checkIn.id, status: 'applied', version: 1 }])
    expect(server.sql.prepare('select status, case_id, version from bookings where id = ?').get(IDS.booked))
      .toEqual({ status: 'checked_in', case_id: caseId, version: 2 })

    const pulled = await request<PullResponse>(server, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor)}`, { token: TOKEN })
    expect(pulled.body.changes.map(c => [c.entity, c.id, c.version])).toEqual([['case', caseId, 1], ['appointment', IDS.booked, 2]])
    const admin = await login('admin')
    const verified = await request<{ ok: boolean, entries: number }>(server, 'GET', '/api/audit/verify', { token: admin.token })
    expect(verified.body).toMatchObject({ ok: true, entries: 4 })
    // The entries of release 0003 stay plain SHA-256; the one written after the upgrade is an HMAC under the key.
    const [oldest, newest] = [server.sql.prepare('select * from audit_log order by seq limit 1').get(), server.sql.prepare('select * from audit_log order by seq desc limit 1').get()] as AuditRow[]
    expect(plainEntryHash(oldest!.prev_hash, oldest!)).toBe(oldest!.hash)
    expect(plainEntryHash(newest!.prev_hash, newest!)).not.toBe(newest!.hash)
    expect(entryHash(loadAuditKey(dataDir, { create: false }), newest!.prev_hash, newest!)).toBe(newest!.hash)
  })
})
