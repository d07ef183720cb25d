import type { Generated } from 'kysely'

/**
 * The central database's tables, for Kysely. Column names are the SQL ones (snake_case); JSON
 * columns hold the shared domain shapes (CaseRecord, ServiceItem) so the server never re-models them.
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
    /** Set when an administrator disabled the account: its sessions are refused from then on. */
    disabled_at: string | null
    /** 1 after an administrator reset the password: the one-time password must be changed at sign-in. */
    must_change_password: Generated<number>
    /** A supervisor's approval departments, a JSON array of department names; `[]`: any of their centre. */
    departments: Generated<string>
  }
  /**
   * Every change to a staff account, append-only (triggers refuse UPDATE and DELETE): who did
   * what to whom, and `changes` as JSON `{ field: { before, after } }`, never a password or hash.
   */
  account_events: {
    id: Generated<number>
    at: string
    actor_id: string
    target_id: string
    action: string
    changes: string
  }
  /**
   * Every device that signed in. `data_key` (32 random bytes, base64url) is the key the device
   * encrypts citizens' data under; it is released only with a sign-in, so a device that was
   * revoked (`revoked_at`) gets it no more and is told to wipe itself at its next contact.
   */
  devices: {
    id: string
    data_key: string
    first_seen: string
    last_seen: string
    last_user_id: string | null
    revoked_at: string | null
    revoked_by: string | null
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
    /** When the citizen ticked the consent line; null for bookings made before it was asked (migration 0007). */
    consented_at: string | null
  }
}
