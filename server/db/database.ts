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
}

export type DB = Kysely<Database>

export const DB_FILE = 'shiftdesk.sqlite'

export function openDatabase(dataDir: string): DB {
  fs.mkdirSync(dataDir, { recursive: true })
  const sqlite = new SQLite(path.join(dataDir, DB_FILE))
  // WAL lets readers (pull) run while a push writes; NORMAL is durable across process crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withPreparedStatements(sqlite) }) })
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
