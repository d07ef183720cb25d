import { type Kysely, type Migration, Migrator, sql } from 'kysely'
import type { Database } from './schema'

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
  /**
   * The tamper-evident audit trail (server/audit): one row per applied change, hash-chained, written
   * in the change's transaction. Its head (seq and hash of the last entry) lives in meta.
   * Changes applied before this migration have no entries; the chain starts here.
   */
  '0002_audit_log': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('audit_log')
        .addColumn('seq', 'integer', c => c.primaryKey())
        .addColumn('mutation_id', 'text', c => c.notNull())
        .addColumn('case_id', 'text', c => c.notNull())
        .addColumn('center_id', 'text', c => c.notNull())
        .addColumn('actor_id', 'text', c => c.notNull())
        .addColumn('actor_name', 'text', c => c.notNull())
        .addColumn('device_id', 'text', c => c.notNull())
        .addColumn('server_time', 'text', c => c.notNull())
        .addColumn('client_time', 'text', c => c.notNull())
        .addColumn('op', 'text', c => c.notNull())
        .addColumn('action', 'text')
        .addColumn('changes', 'text', c => c.notNull())
        .addColumn('prev_hash', 'text', c => c.notNull())
        .addColumn('hash', 'text', c => c.notNull())
        .execute()
      // (case_id, seq): a case's entries in order, for GET /api/cases/:id/audit.
      await db.schema.createIndex('audit_log_case').on('audit_log').column('case_id').execute()
      // Append-only for the application: changing or removing an entry takes dropping these first,
      // and the hash chain shows it (npm run audit:verify).
      await sql`create trigger audit_log_no_update before update on audit_log
        begin select raise(abort, 'audit_log is append-only'); end`.execute(db)
      await sql`create trigger audit_log_no_delete before delete on audit_log
        begin select raise(abort, 'audit_log is append-only'); end`.execute(db)
      await sql`insert into meta (key, value) values ('audit_head', ${JSON.stringify({ seq: 0, hash: '0'.repeat(64) })})`.execute(db)
    },
  },
  /**
   * Service calendars and public booking (server/calendar, server/booking): a centre's calendar as
   * JSON (the shared ServiceCalendar shape), the official holidays, and citizens' bookings. Slots
   * are not stored: they follow from the calendar. Bookings take the global seq for the staff pull.
   */
  '0003_calendars_bookings': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('calendars')
        .addColumn('center_id', 'text', c => c.primaryKey().references('centers.id'))
        .addColumn('data', 'text', c => c.notNull())
        .addColumn('version', 'integer', c => c.notNull())
        .addColumn('updated_at', 'text', c => c.notNull())
        .execute()
      await db.schema.createTable('holidays')
        .addColumn('date', 'text', c => c.primaryKey())
        .addColumn('kind', 'text', c => c.notNull())
        .addColumn('name', 'text', c => c.notNull())
        .execute()
      await db.schema.createTable('bookings')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('code', 'text', c => c.notNull().unique())
        .addColumn('center_id', 'text', c => c.notNull().references('centers.id'))
        .addColumn('item_id', 'text', c => c.notNull().references('service_items.id'))
        .addColumn('date', 'text', c => c.notNull())
        .addColumn('slot_start', 'text', c => c.notNull())
        .addColumn('slot_end', 'text', c => c.notNull())
        .addColumn('kind', 'text', c => c.notNull())
        .addColumn('name', 'text', c => c.notNull())
        .addColumn('mobile', 'text', c => c.notNull())
        .addColumn('id_number', 'text', c => c.notNull())
        .addColumn('status', 'text', c => c.notNull())
        .addColumn('created_at', 'text', c => c.notNull())
        .addColumn('updated_at', 'text', c => c.notNull())
        .addColumn('seq', 'integer', c => c.notNull())
        .execute()
      // A slot's taken places are counted on every booking: (centre, date, slot) finds them at once.
      await db.schema.createIndex('bookings_slot').on('bookings').columns(['center_id', 'date', 'slot_start']).execute()
      await db.schema.createIndex('bookings_center_seq').on('bookings').columns(['center_id', 'seq']).execute()
    },
  },
  /**
   * Bookings reach the staff devices as appointments (pull), where they are checked in (linked to
   * the case taken in) or marked no-show: the linked case, a version for each staff-side change,
   * and an index on seq for an administrator's pull of every centre's bookings.
   */
  '0004_booking_checkin': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('bookings').addColumn('case_id', 'text').execute()
      await db.schema.alterTable('bookings').addColumn('version', 'integer', c => c.notNull().defaultTo(1)).execute()
      await db.schema.createIndex('bookings_seq').on('bookings').column('seq').execute()
    },
  },
  /**
   * Real accounts and the devices they sign in on: a user can be disabled (their sessions stop
   * working at once) or made to change a one-time password at the next sign-in; each device gets
   * the key its citizens' data is encrypted under (released only at sign-in) and can be revoked.
   */
  '0005_accounts_devices': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute()
      await db.schema.alterTable('users').addColumn('must_change_password', 'integer', c => c.notNull().defaultTo(0)).execute()
      await db.schema.createTable('devices')
        .addColumn('id', 'text', c => c.primaryKey())
        .addColumn('data_key', 'text', c => c.notNull())
        .addColumn('first_seen', 'text', c => c.notNull())
        .addColumn('last_seen', 'text', c => c.notNull())
        .addColumn('last_user_id', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .execute()
    },
  },
  '0006_staff_accounts': {
    async up(db: Kysely<unknown>) {
      // A supervisor's approval departments, as a JSON array of department names ([] = any).
      await db.schema.alterTable('users').addColumn('departments', 'text', c => c.notNull().defaultTo('[]')).execute()
      await db.schema.createTable('account_events')
        .addColumn('id', 'integer', c => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', c => c.notNull())
        .addColumn('actor_id', 'text', c => c.notNull())
        .addColumn('target_id', 'text', c => c.notNull())
        .addColumn('action', 'text', c => c.notNull())
        .addColumn('changes', 'text', c => c.notNull())
        .execute()
      await db.schema.createIndex('account_events_target').on('account_events').columns(['target_id', 'id']).execute()
      // Append-only, like the audit log: an account's history is evidence of who could do what when.
      await sql`create trigger account_events_no_update before update on account_events
        begin select raise(abort, 'account_events is append-only'); end`.execute(db)
      await sql`create trigger account_events_no_delete before delete on account_events
        begin select raise(abort, 'account_events is append-only'); end`.execute(db)
    },
  },
  /**
   * The limits on one person's bookings (src/domain/booking.ts PERSON_LIMITS) are checked in the
   * booking's write transaction, by ID number and by mobile number: an index for each. And when
   * the citizen consented to the use of their data (null for bookings made before consent was asked).
   */
  '0007_booking_person_limits': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('bookings').addColumn('consented_at', 'text').execute()
      await db.schema.createIndex('bookings_id_number').on('bookings').columns(['id_number', 'center_id', 'date']).execute()
      await db.schema.createIndex('bookings_mobile').on('bookings').columns(['mobile', 'date']).execute()
    },
  },
  /**
   * The mutation log keeps no payloads (server/sync/mutation-log.ts): applied changes are in
   * `cases` and `audit_log`, rejected ones stay on their device. Dropping the column also frees
   * what older versions stored.
   */
  '0008_mutation_log_without_payload': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('mutations').dropColumn('payload').execute()
    },
  },
}

/** Brings the schema up to date (only up to migration `target`: tests of an upgrade); throws (and the server does not start) if a migration fails. */
export async function migrateToLatest(db: Kysely<Database>, target?: string): Promise<void> {
  // Migrations describe the schema as it was at their time, so they see an untyped database.
  const migrator = new Migrator({ db: db as unknown as Kysely<unknown>, provider: { getMigrations: async () => migrations } })
  const { error, results } = await (target === undefined ? migrator.migrateToLatest() : migrator.migrateTo(target))
  const failed = results?.find(r => r.status === 'Error')
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error })
  }
}
