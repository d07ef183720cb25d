import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, type SqliteDatabase, SqliteDialect, sql } from 'kysely'
import { startCheckpointer } from './checkpointer'
import { migrateToLatest } from './migrations'
import type { Database } from './schema'
import type { ReadTx, Store, WriteTx } from './store'

export const DB_FILE = 'shiftdesk.sqlite'

/**
 * The embedded engine: one SQLite file under DATA_DIR, in WAL mode, through ONE connection. SQLite
 * runs one writer at a time and better-sqlite3 runs each statement synchronously, so a second
 * connection would buy no parallelism in one process; with one, Kysely's connection lock makes
 * every transaction run alone, and `read` and `write` differ only in when they take the write lock.
 */
export interface SqliteStore extends Store {
  readonly file: string
  /** Brings the schema up to date (server/store/migrations.ts); throws if a migration fails. */
  migrate(): Promise<void>
}

export function openSqliteStore(dataDir: string, opts: { readonly?: boolean } = {}): SqliteStore {
  const file = path.join(dataDir, DB_FILE)
  const readonly = opts.readonly ?? false
  if (readonly && !fs.existsSync(file)) throw new Error(`No database at ${file}`)
  if (!readonly) fs.mkdirSync(dataDir, { recursive: true })
  const sqlite = new SQLite(file, { readonly, fileMustExist: readonly })
  if (!readonly) {
    // WAL lets the audit walk (snapshot) read while pushes write. FULL syncs the WAL at every commit:
    // a push the devices were told is applied (and removed from their outboxes) survives a power cut
    // or an OS crash, not only a process crash as with NORMAL (docs/decisions.md, 12). Only write
    // transactions commit anything, so this costs nothing on reads.
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    // 32 MB of page cache (default 2 MB): a push touches index pages all over (case numbers of every
    // device), and reading them back from the OS on every batch showed in the push profile.
    sqlite.pragma('cache_size = -32768')
  }
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withPreparedStatements(sqlite) }) })
  const stopCheckpoints = readonly ? async () => {} : startCheckpointer(sqlite)

  /** Runs `work` between `begin` and `commit` on the connection, rolling back if it throws. */
  const transaction = <T, Tx>(begin: string, work: (tx: Tx) => Promise<T>, on = db) => on.connection().execute(async (conn) => {
    await sql.raw(begin).execute(conn)
    try {
      const result = await work(conn as unknown as Tx)
      await sql.raw('commit').execute(conn)
      return result
    }
    catch (error) {
      // A statement that failed may have ended the transaction already; the first error is the one to report.
      await sql.raw('rollback').execute(conn).catch(() => undefined)
      throw error
    }
  })

  return {
    file,
    migrate: () => migrateToLatest(db),
    read: work => transaction<unknown, ReadTx>('begin', work) as never,
    write: (work) => {
      if (readonly) throw new Error('This store was opened read-only')
      return transaction<unknown, WriteTx>('begin immediate', work) as never
    },
    async snapshot(work) {
      const reader = new SQLite(file, { readonly: true, fileMustExist: true })
      reader.pragma('busy_timeout = 5000')
      const own = new Kysely<Database>({ dialect: new SqliteDialect({ database: reader }) })
      try { return await transaction('begin', work, own) }
      finally { await own.destroy() }
    },
    async close() {
      // The checkpointer's connection closes first, so the caller may remove the file afterwards.
      await stopCheckpoints()
      await db.destroy()
    },
  }
}

/**
 * Kysely prepares every query anew, and preparing cost as much CPU as running the statement (push
 * profile). A push repeats the same few SQL texts for every batch, so they stay prepared. Kysely
 * runs one query at a time per connection, so a cached statement is never busy when reused.
 */
function withPreparedStatements(sqlite: SQLite.Database, max = 200): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text)
      if (!statement) {
        if (cache.size >= max) cache.clear() // e.g. IN lists of many lengths: never grows without bound
        statement = sqlite.prepare(text)
        cache.set(text, statement)
      }
      return statement
    },
  }
}
