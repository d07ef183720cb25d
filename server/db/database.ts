import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, type SqliteDatabase, SqliteDialect } from 'kysely'

/**
 * The server's one SQLite file. Column names are the SQL ones (snake_case); JSON columns hold the
 * shared domain shapes (CaseRecord, ServiceItem) so the server never re-models them.
 */
export interface Database {
  centers: { id: string, code: string, name: string, name_en: string }
  users: {
    id: string
    username: string
    name: string
    role: string
    center_id: string
    password_hash: string
    demo: number
  }
  sessions: { token_hash: string, user_id: string, device_id: string, created_at: string, expires_at: string }
  service_items: { id: string, code: string, data: string, version: number, seq: number }
  cases: {
    id: string
    center_id: string
    case_no: string
    status: string
    data: string
    field_versions: string
    version: number
    seq: number
    updated_at: string
  }
  mutations: {
    id: string
    device_id: string
    actor_id: string
    entity: string
    entity_id: string
    op: string
    base_version: number
    payload: string
    client_time: string
    server_time: string
    status: string
    result: string
  }
  meta: { key: string, value: string }
  /** Append-only, hash-chained record of every applied change (server/audit). */
  audit_log: {
    seq: number
    mutation_id: string
    case_id: string
    center_id: string
    actor_id: string
    actor_name: string
    device_id: string
    server_time: string
    client_time: string
    op: string
    action: string | null
    changes: string
    prev_hash: string
    hash: string
  }
  /** A centre's ServiceCalendar (src/domain/service-calendar.ts) as JSON. */
  calendars: { center_id: string, data: string, version: number, updated_at: string }
  /** The official calendar: public holidays and make-up working days (src/domain/holidays-cn.ts). */
  holidays: { date: string, kind: string, name: string }
  /** Citizens' bookings from the public page (server/booking). */
  bookings: {
    id: string
    code: string
    center_id: string
    item_id: string
    date: string
    slot_start: string
    slot_end: string
    kind: string
    name: string
    mobile: string
    id_number: string
    status: string
    created_at: string
    updated_at: string
    seq: number
    /** The case a check-in took the applicant in as (server/sync/appointment-rows.ts). */
    case_id: string | null
    /** 1 when booked, one more with every later change. */
    version: number
  }
}

export type DB = Kysely<Database>

export const DB_FILE = 'shiftdesk.sqlite'

/** The better-sqlite3 connection behind each Kysely instance made here, for the push's set-based path. */
const connections = new WeakMap<DB, SQLite.Database>()

/**
 * Opens (and creates, unless read-only) the database file under dataDir. `readonly` is for tools
 * that only look (npm run audit:verify): it never creates or changes anything.
 */
export function openDatabase(dataDir: string, opts: { readonly?: boolean } = {}): DB {
  const file = path.join(dataDir, DB_FILE)
  if (opts.readonly) {
    if (!fs.existsSync(file)) throw new Error(`No database at ${file}`)
  }
  else fs.mkdirSync(dataDir, { recursive: true })
  const sqlite = new SQLite(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false })
  if (!opts.readonly) {
    // WAL lets readers (pull) run while a push writes; NORMAL is durable across process crashes in WAL mode.
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
    // 32 MB of page cache (default 2 MB): a push touches index pages all over (case numbers of every
    // device), and reading them back from the OS on every batch showed in the push profile.
    sqlite.pragma('cache_size = -32768')
  }
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withPreparedStatements(sqlite) }) })
  connections.set(db, sqlite)
  return db
}

/**
 * Runs `work` on the raw better-sqlite3 connection while holding Kysely's connection, so no Kysely
 * query or transaction of another request is interleaved with it. `work` is synchronous: nothing
 * else runs in this process until it returns.
 */
export function withSqlite<T>(db: DB, work: (sqlite: SQLite.Database) => T): Promise<T> {
  const sqlite = connections.get(db)
  if (!sqlite) throw new Error('withSqlite needs a database opened by openDatabase')
  return db.connection().execute(async () => work(sqlite))
}

/**
 * The raw connection inside a Kysely transaction that the caller already holds (the demo seed):
 * better-sqlite3 nests its own transactions there as savepoints.
 */
export function sqliteOf(db: DB): SQLite.Database {
  const sqlite = connections.get(db)
  if (!sqlite) throw new Error('sqliteOf needs a database opened by openDatabase')
  return sqlite
}

/**
 * Kysely prepares every query anew, and preparing cost as much CPU as running the statement (push
 * profile). A push repeats the same few SQL texts for every mutation, so they stay prepared. Kysely
 * runs one query at a time per connection, so a cached statement is never busy when reused.
 */
function withPreparedStatements(sqlite: SQLite.Database, max = 200): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql)
      if (!statement) {
        if (cache.size >= max) cache.clear() // e.g. IN lists of many lengths: never grows without bound
        statement = sqlite.prepare(sql)
        cache.set(sql, statement)
      }
      return statement
    },
  }
}
