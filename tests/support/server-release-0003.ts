import { createHash, randomBytes, scryptSync } from 'node:crypto'
import type SQLite from 'better-sqlite3'

/**
 * A central database as the release with migrations 0001–0003 left it, filled the way that
 * release's server filled it: the server side of schema-v1.ts. Rows are written here in that
 * release's formats (password hashes, session token hashes, case JSON, the mutation log, the audit
 * hash chain), not through today's server code, so a change in server/ that old rows no longer fit
 * fails the upgrade test instead of quietly changing what the old rows are.
 */
export const PREVIOUS_MIGRATION = '0003_calendars_bookings'
export const PASSWORD = 'release-3-password'
/** The bearer token a tablet signed in with before the upgrade (its session is still live). */
export const TOKEN = 'release-3-token-of-ord-clerk1-tablet'
const DEVICE = 'tablet-ord-3'

const id = (n: number) => `01930000-0000-7000-8000-${String(n).padStart(12, '0')}`
export const IDS = {
  center: id(1), clerk: id(2), supervisor: id(3), admin: id(4), item: id(5),
  caseA: id(10), caseB: id(11), create1: id(20), start1: id(21), create2: id(22), refused: id(23),
  booked: id(30), cancelled: id(31),
} as const
export const CLERK = { id: IDS.clerk, username: 'ord-clerk1', name: '李娜' }

/** scrypt$N$r$p$salt$hash (base64url), as the release hashed passwords. */
function passwordHash(password: string): string {
  const salt = randomBytes(16)
  const key = scryptSync(password.normalize('NFC'), salt, 64, { N: 16384, r: 8, p: 1, maxmem: 256 * 16384 * 8 })
  return ['scrypt', 16384, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$')
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

const ITEM = {
  id: IDS.item, code: 'SI-001', name: '个人征信报告打印', nameEn: 'Personal credit report printing', department: '人民银行',
  materials: [{ name: '身份证', eLicence: true }], timeLimitDays: 0, needsApproval: false, urgent: false, weekend: true,
  applicants: ['person'], version: 1,
}

const intake = (name: string, idNumber: string, phone: string) => ({
  applicantType: 'person', applicantName: name, idNumber, contactName: '', phone, serviceItemId: IDS.item,
  materials: ['身份证'], channel: 'window', windowNo: '3', notes: '',
})
const createPayload = (caseNo: string, receivedAt: string, fields: ReturnType<typeof intake>) => ({ caseNo, receivedAt, ...fields })

const mutation = <P extends object>(id: string, entityId: string, op: string, baseVersion: number, payload: P, clientTime: string) =>
  ({ id, deviceId: DEVICE, actorId: IDS.clerk, entity: 'case', entityId, op, baseVersion, payload, clientTime })

/** The mutations the release applied (and one it refused), as the tablet sent them. */
export const MUTATIONS = {
  create1: mutation(IDS.create1, IDS.caseA, 'case.create', 0,
    createPayload('ORD-20261128-R3LS0-0001', '2026-11-28T01:00:00.000Z', intake('王小明', '11010519491231002X', '13800138000')), '2026-11-28T01:00:00.000Z'),
  start1: mutation(IDS.start1, IDS.caseA, 'case.transition', 1, { action: 'start' }, '2026-11-28T01:04:00.000Z'),
  create2: mutation(IDS.create2, IDS.caseB, 'case.create', 0,
    createPayload('ORD-20261128-R3LS0-0002', '2026-11-28T01:10:00.000Z', intake('陈静', '150602199001010016', '13900139000')), '2026-11-28T01:10:00.000Z'),
  refused: mutation(IDS.refused, IDS.caseB, 'case.transition', 1, { action: 'approve' }, '2026-11-28T01:12:00.000Z'),
}
const SERVER_TIME = {
  create1: '2026-11-28T01:00:02.000Z', start1: '2026-11-28T01:05:00.000Z', create2: '2026-11-28T01:10:01.000Z', refused: '2026-11-28T01:12:01.000Z',
}

const entry = (m: (typeof MUTATIONS)[keyof typeof MUTATIONS], at: string, rest: Record<string, unknown>) =>
  ({ mutationId: m.id, at, clientAt: m.clientTime, deviceId: DEVICE, actorId: IDS.clerk, actorName: CLERK.name, ...rest })

function caseRecord(m: typeof MUTATIONS.create1 | typeof MUTATIONS.create2, at: string) {
  const { caseNo, receivedAt, ...fields } = m.payload
  return {
    ...fields, id: m.entityId, caseNo, centerId: IDS.center, serviceItemName: ITEM.name, status: 'received', statusNote: '',
    receivedAt, receivedBy: IDS.clerk, receivedByName: CLERK.name, updatedAt: at, version: 1,
    history: [entry(m, at, { kind: 'create', to: 'received' })],
  }
}
const createdA = caseRecord(MUTATIONS.create1, SERVER_TIME.create1)
/** The cases as stored: A taken in and started (version 2), B taken in. */
export const CASES = {
  a: {
    ...createdA, status: 'in_progress', updatedAt: SERVER_TIME.start1, version: 2,
    history: [...createdA.history, entry(MUTATIONS.start1, SERVER_TIME.start1, { kind: 'start', from: 'received', to: 'in_progress' })],
  },
  b: caseRecord(MUTATIONS.create2, SERVER_TIME.create2),
}

/** What an audit entry records for a create: every initial field but the bookkeeping ones. */
function createdFields(record: Record<string, unknown>): Record<string, { after: unknown }> {
  const { history: _history, updatedAt: _updatedAt, version: _version, ...fields } = record
  return Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, { after: value }]))
}

/** The release's audit hash: SHA-256 of prev_hash and the entry's canonical JSON (columns in this order, changes as stored). */
function chained(prevHash: string, row: Record<string, string | number | null>): string {
  const text = JSON.stringify
  const columns = ['seq', 'mutation_id', 'case_id', 'center_id', 'actor_id', 'actor_name', 'device_id', 'server_time', 'client_time', 'op', 'action']
  return sha256(prevHash + `{${columns.map(c => `"${c}":${text(row[c])}`).join(',')},"changes":${row.changes}}`)
}

function insert(sqlite: SQLite.Database, table: string, rows: Record<string, unknown>[]): void {
  for (const row of rows) {
    const columns = Object.keys(row)
    sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`).run(...Object.values(row))
  }
}

/** Fills a database migrated up to PREVIOUS_MIGRATION; `now` places the live session. */
export function fillRelease0003(sqlite: SQLite.Database, now = new Date()): void {
  insert(sqlite, 'centers', [{ id: IDS.center, code: 'ORD', name: '鄂尔多斯市政务服务中心', name_en: 'Ordos Government Service Center' }])
  insert(sqlite, 'users', [
    { id: IDS.clerk, username: CLERK.username, name: CLERK.name, role: 'clerk', center_id: IDS.center, password_hash: passwordHash(PASSWORD), demo: 0 },
    { id: IDS.supervisor, username: 'ord-super', name: '刘洋', role: 'supervisor', center_id: IDS.center, password_hash: passwordHash(PASSWORD), demo: 0 },
    { id: IDS.admin, username: 'admin', name: '系统管理员', role: 'admin', center_id: IDS.center, password_hash: passwordHash(PASSWORD), demo: 0 },
  ])
  insert(sqlite, 'sessions', [{
    token_hash: sha256(TOKEN), user_id: IDS.clerk, device_id: DEVICE,
    created_at: new Date(now.getTime() - 3_600_000).toISOString(), expires_at: new Date(now.getTime() + 11 * 3_600_000).toISOString(),
  }])
  insert(sqlite, 'service_items', [{ id: IDS.item, code: ITEM.code, data: JSON.stringify(ITEM), version: 1, seq: 1 }])

  const stamps = (record: object, version: number) => Object.fromEntries(Object.keys(record).map(field => [field, { v: version, d: DEVICE }]))
  insert(sqlite, 'cases', [
    {
      id: IDS.caseA, center_id: IDS.center, case_no: CASES.a.caseNo, status: 'in_progress', data: JSON.stringify(CASES.a),
      field_versions: JSON.stringify({ ...stamps(createdA, 1), status: { v: 2, d: DEVICE } }), version: 2, seq: 3, updated_at: CASES.a.updatedAt,
    },
    {
      id: IDS.caseB, center_id: IDS.center, case_no: CASES.b.caseNo, status: 'received', data: JSON.stringify(CASES.b),
      field_versions: JSON.stringify(stamps(CASES.b, 1)), version: 1, seq: 4, updated_at: CASES.b.updatedAt,
    },
  ])
  const logged = (m: (typeof MUTATIONS)[keyof typeof MUTATIONS], serverTime: string, result: Record<string, unknown>) => ({
    id: m.id, device_id: m.deviceId, actor_id: m.actorId, entity: m.entity, entity_id: m.entityId, op: m.op, base_version: m.baseVersion,
    payload: JSON.stringify(m.payload), client_time: m.clientTime, server_time: serverTime, status: result.status, result: JSON.stringify({ id: m.id, ...result }),
  })
  insert(sqlite, 'mutations', [
    logged(MUTATIONS.create1, SERVER_TIME.create1, { status: 'applied', version: 1 }),
    logged(MUTATIONS.start1, SERVER_TIME.start1, { status: 'applied', version: 2 }),
    logged(MUTATIONS.create2, SERVER_TIME.create2, { status: 'applied', version: 1 }),
    logged(MUTATIONS.refused, SERVER_TIME.refused, {
      status: 'rejected', code: 'FORBIDDEN', message: 'Your role is not allowed to make this change.', reason: 'reject.role',
    }),
  ])

  let prevHash = '0'.repeat(64)
  let head = { seq: 0, hash: prevHash }
  const audited = [
    { seq: 2, m: MUTATIONS.create1, at: SERVER_TIME.create1, action: null, changes: createdFields(createdA) },
    { seq: 3, m: MUTATIONS.start1, at: SERVER_TIME.start1, action: 'start', changes: { status: { before: 'received', after: 'in_progress' } } },
    { seq: 4, m: MUTATIONS.create2, at: SERVER_TIME.create2, action: null, changes: createdFields(CASES.b) },
  ]
  for (const { seq, m, at, action, changes } of audited) {
    const row = {
      seq, mutation_id: m.id, case_id: m.entityId, center_id: IDS.center, actor_id: m.actorId, actor_name: CLERK.name,
      device_id: m.deviceId, server_time: at, client_time: m.clientTime, op: m.op, action, changes: JSON.stringify(changes),
    }
    const hash = chained(prevHash, row)
    insert(sqlite, 'audit_log', [{ ...row, prev_hash: prevHash, hash }])
    prevHash = hash
    head = { seq, hash }
  }

  insert(sqlite, 'calendars', [{
    center_id: IDS.center, version: 1, updated_at: '2026-11-01T00:00:00.000Z', data: JSON.stringify({
      slotMinutes: 30, closedDates: [],
      weekday: { open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30', continuous: true }, capacity: 4 },
      weekend: [{ days: ['sat', 'sun'], start: '09:00', end: '12:00', itemIds: [IDS.item], capacity: 10 }],
      holiday: [],
    }),
  }])
  // The official 2026 list was seeded at the release's first start, then an administrator replaced it.
  insert(sqlite, 'holidays', [{ date: '2026-10-01', kind: 'holiday', name: 'nationalDay' }, { date: '2026-10-10', kind: 'workday', name: 'nationalDay' }])
  insert(sqlite, 'meta', [{ key: 'official_holiday_years', value: '[2026]' }])
  const booking = (bookingId: string, code: string, slotStart: string, slotEnd: string, status: string, seq: number) => ({
    id: bookingId, code, center_id: IDS.center, item_id: IDS.item, date: '2026-11-28', slot_start: slotStart, slot_end: slotEnd,
    kind: 'weekend', name: '周丽', mobile: '13904771234', id_number: '150602198503120042', status,
    created_at: '2026-11-25T08:00:00.000Z', updated_at: '2026-11-25T08:00:00.000Z', seq,
  })
  insert(sqlite, 'bookings', [
    booking(IDS.booked, 'K7QPX2MA', '09:30', '10:00', 'booked', 5),
    booking(IDS.cancelled, 'W4TR8ZNB', '10:00', '10:30', 'cancelled', 6),
  ])
  sqlite.prepare('update meta set value = ? where key = \'seq\'').run('6')
  sqlite.prepare('update meta set value = ? where key = \'audit_head\'').run(JSON.stringify(head))
}
