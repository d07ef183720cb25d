import { type Kysely, type Migration, Migrator, sql } from 'kysely'
import type { DB } from './database'

/**
 * Migrations live in code (not files) so they ship with the bundle and run in tests unchanged.
 * Add a change as the next numbered entry; never edit an entry that has shipped.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('centers')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('code', 'text', c => c.notNull().unique())
        .addColumn('name', 'text', c => c.notNull())
        .addColumn('name_en', 'text', c => c.notNull())
        .execute()
      await db.schema.createTable('users')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('username', 'text', c => c.notNull().unique())
        .addColumn('name', 'text', c => c.notNull())
        .addColumn('role', 'text', c => c.notNull())
        .addColumn('center_id', 'text', c => c.notNull().references('centers.id'))
        .addColumn('password_hash', 'text', c => c.notNull())
        .addColumn('demo', 'integer', c => c.notNull().defaultTo(0))
        .execute()
      await db.schema.createTable('sessions')
        .addColumn('token_hash', 'text', c => c.primaryKey())
        .addColumn('user_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('device_id', 'text', c => c.notNull())
        .addColumn('created_at', 'text', c => c.notNull())
        .addColumn('expires_at', 'text', c => c.notNull())
        .execute()
      await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute()
      await db.schema.createTable('service_items')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('code', 'text', c => c.notNull().unique())
        .addColumn('data', 'text', c => c.notNull())
        .addColumn('version', 'integer', c => c.notNull())
        .addColumn('seq', 'integer', c => c.notNull())
        .execute()
      await db.schema.createIndex('service_items_seq').on('service_items').column('seq').execute()
      await db.schema.createTable('cases')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('center_id', 'text', c => c.notNull().references('centers.id'))
        .addColumn('case_no', 'text', c => c.notNull().unique())
        .addColumn('status', 'text', c => c.notNull())
        .addColumn('data', 'text', c => c.notNull())
        .addColumn('field_versions', 'text', c => c.notNull())
        .addColumn('version', 'integer', c => c.notNull())
        .addColumn('seq', 'integer', c => c.notNull())
        .addColumn('updated_at', 'text', c => c.notNull())
        .execute()
      await db.schema.createIndex('cases_center_seq').on('cases').columns(['center_id', 'seq']).execute()
      await db.schema.createIndex('cases_seq').on('cases').column('seq').execute()
      await db.schema.createTable('mutations')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('device_id', 'text', c => c.notNull())
        .addColumn('actor_id', 'text', c => c.notNull())
        .addColumn('entity', 'text', c => c.notNull())
        .addColumn('entity_id', 'text', c => c.notNull())
        .addColumn('op', 'text', c => c.notNull())
        .addColumn('base_version', 'integer', c => c.notNull())
        .addColumn('payload', 'text', c => c.notNull())
        .addColumn('client_time', 'text', c => c.notNull())
        .addColumn('server_time', 'text', c => c.notNull())
        .addColumn('status', 'text', c => c.notNull())
        .addColumn('result', 'text', c => c.notNull())
        .execute()
      await db.schema.createIndex('mutations_entity_id').on('mutations').column('entity_id').execute()
      await db.schema.createTable('meta')
        .addColumn('key', 'text', c => c.primaryKey())
        .addColumn('value', 'text', c => c.notNull())
        .execute()
      await sql`insert into meta (key, value) values ('seq', '0')`.execute(db)
    },
  },
}

/** Brings the schema up to date; throws (and the server does not start) if a migration fails. */
export async function migrateToLatest(db: DB): Promise<void> {
  // Migrations describe the schema as it was at their time, so they see an untyped database.
  const migrator = new Migrator({ db: db as unknown as Kysely<unknown>, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find(r => r.status === 'Error')
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error })
  }
}
