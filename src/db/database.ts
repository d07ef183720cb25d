import Dexie, { type EntityTable, type Transaction } from 'dexie'
import { type Appointment, CASE_STATUSES, type CaseRecord, type Mutation, type PushResult, type ServiceCenter, type ServiceItem, type StaffUser } from '../domain'
import { type CaseCountRow, caseCountsMiddleware } from './case-counts'
import type { WrappedDataKey } from '../utils/data-key'

/** A change waiting for, or answered by, the central system. Kept until it is applied. */
export interface OutboxEntry {
  seq?: number
  /** The mutation id (idempotency key). */
  id: string
  entityId: string
  actorId: string
  /** Who made it, kept whole so it can be re-applied (rebased) and shown without a network. */
  actor: StaffUser
  /** pending: to be pushed; conflict/rejected: answered, waiting for a person. */
  state: 'pending' | 'conflict' | 'rejected'
  mutation: Mutation
  result?: Extract<PushResult, { status: 'conflict' | 'rejected' }>
}

/** The server's copy of a case that has local changes on top, so they can be rebased or dropped. */
export interface CaseBase { id: string, data: CaseRecord | null }

/** A staff member who signed in on this device; their token pushes their own changes. */
export interface DeviceSession {
  userId: string
  user: StaffUser
  center: ServiceCenter
  token: string
  expiresAt: string
  /** Set when the server refused the token: their changes wait until they sign in again. */
  expired: boolean
  /** Signed in with a one-time password: the app sends them to change it before anything else. */
  mustChangePassword?: boolean
  /** Why the session ended without its owner signing out (their account was disabled), to tell them. */
  ended?: 'accountDisabled'
}

/**
 * A staff member's unlock PIN on this device (shared tablets): only a salted PBKDF2-derived
 * verifier, never the PIN, and the device's data key wrapped under a second key drawn from it. The failure count and lockout live on the row, so a reload does not reset them.
 */
export interface DevicePin {
  userId: string
  salt: Uint8Array<ArrayBuffer>
  iterations: number
  hash: Uint8Array<ArrayBuffer>
  /** Wrong PINs since the last right one; an attempt counts from the moment it starts. */
  failures: number
  /** ISO time until which PIN unlock is refused after too many wrong PINs, else null. */
  lockedUntil: string | null
  /** 2: `hash` is a verifier drawn from the stretched PIN beside the wrapping key (pin-hash.ts); absent: the stretched PIN. */
  scheme?: 2
  /** The device's data key wrapped under this PIN's wrapping key; absent until a PIN is set or used with the key at hand. */
  wrappedKey?: WrappedDataKey
}

export interface MetaRow { key: string, value: unknown }

/**
 * An appointment as this device shows it: the central system's copy, with a check-in or no-show
 * made here shown over it until the central system has answered (`local`, see appointment-writes.ts).
 */
export interface DeviceAppointment extends Appointment {
  local?: { mutationId: string, base: Pick<Appointment, 'status' | 'caseId' | 'updatedAt'> }
}

export class ShiftDeskDB extends Dexie {
  cases!: EntityTable<CaseRecord, 'id'>
  caseBases!: EntityTable<CaseBase, 'id'>
  outbox!: EntityTable<OutboxEntry, 'seq'>
  serviceItems!: EntityTable<ServiceItem, 'id'>
  sessions!: EntityTable<DeviceSession, 'userId'>
  pins!: EntityTable<DevicePin, 'userId'>
  meta!: EntityTable<MetaRow, 'key'>
  /** Cases per status, moved by every write to `cases` in its own transaction (case-counts.ts); read only. */
  caseCounts!: EntityTable<CaseCountRow, 'status'>
  /** Citizens' bookings of this centre, pulled; the day view reads a day's by [date+slotStart]. */
  appointments!: EntityTable<DeviceAppointment, 'id'>

  constructor(name = 'shiftdesk') {
    // Strict durability: an acknowledged intake must survive a power cut on the tablet.
    super(name, { chromeTransactionDurability: 'strict' })
    this.version(1).stores({
      // Every list, filter and search the case list offers has its index.
      cases: 'id, &caseNo, idNumber, applicantName, receivedAt, [status+receivedAt]',
      caseBases: 'id',
      outbox: '++seq, &id, entityId, actorId, [state+seq]',
      serviceItems: 'id, &code',
      sessions: 'userId',
      meta: 'key',
    })
    // v2: unlock PINs of the staff who signed in on this device. Every v1 table is kept as it was.
    this.version(2).stores({
      cases: 'id, &caseNo, idNumber, applicantName, receivedAt, [status+receivedAt]',
      caseBases: 'id',
      outbox: '++seq, &id, entityId, actorId, [state+seq]',
      serviceItems: 'id, &code',
      sessions: 'userId',
      pins: 'userId',
      meta: 'key',
    })
    // v3: per-status counters for the filter chips, and name search newest first
    // ([applicantName+receivedAt] serves the prefix search the plain applicantName index did).
    // Tables not named here stay as v2 left them.
    this.version(3).stores({
      cases: 'id, &caseNo, idNumber, [applicantName+receivedAt], receivedAt, [status+receivedAt]',
      caseCounts: 'status',
    }).upgrade(countExistingCases)
    // v4: appointments (预约) for the day view. Tables not named here stay as v3 left them.
    this.version(4).stores({
      appointments: 'id, code, status, [date+slotStart]',
    })
    this.use(caseCountsMiddleware)
  }
}

/** The counters of a device that already holds cases: counted once, from the status index. */
async function countExistingCases(tx: Transaction): Promise<void> {
  const cases = tx.table<CaseRecord>('cases')
  const counts = await Promise.all(CASE_STATUSES.map(status =>
    cases.where('[status+receivedAt]').between([status, Dexie.minKey], [status, Dexie.maxKey]).count()))
  await tx.table<CaseCountRow>('caseCounts').bulkPut(CASE_STATUSES.map((status, i) => ({ status, count: counts[i]! })))
}
