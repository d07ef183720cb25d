import type { Appointment } from '../../src/domain/appointment'
import type { CaseRecord } from '../../src/domain/case'
import type { Mutation, PushResult } from '../../src/domain/protocol'
import type { StaffUser } from '../../src/domain/roles'
import type { ServiceItem } from '../../src/domain/service-item'
import { appendAudit } from '../audit/append'
import { centerCodes } from '../centers/center-queries'
import { type AuditEntry, caseChanges } from '../audit/entry'
import { reserveSeqs } from '../store/sequence'
import type { ReadTx, WriteTx } from '../store/store'
import { type AppointmentWrite, loadAppointments, saveAppointments } from './appointment-rows'
import { type CaseWrite, type StoredCase, loadCases, saveCases, takenCaseNos } from './case-rows'
import type { FieldVersions } from './field-versions'
import { type LogEntry, type LoggedMutation, findLogged, logMutations } from './mutation-log'
import type { ServiceItemCache } from './service-items'

/** A case the batch has read or changed. Records are kept as JSON text and parsed when asked for. */
interface CaseSlot {
  data: string
  fieldVersions: FieldVersions | string
  parsed?: StoredCase
  /** The version in the table before the batch; 0 for a case the batch creates. */
  storedVersion: number
  /** Set once the batch changed the case. */
  write?: CaseWrite & { lastChange: number }
}

/** A case as the batch left it; `data` is the stored JSON text. */
export interface WrittenCase { id: string, version: number, seq: number, data: string }
/**
 * What a batch wrote: its cases in seq order and the seq numbers it took (null when nothing
 * applied); `appointments` counts its changes to appointments (bookings), which are not echoed.
 */
export interface Written { cases: WrittenCase[], seqs: { first: number, last: number } | null, appointments: number }

/** An applied change waiting for its seq, which is taken for the whole batch at the end. */
interface Change { entry: Omit<AuditEntry, 'seq'>, slot: CaseSlot }

/** An appointment the batch has read, as the batch's changes leave it. */
interface AppointmentSlot { current: Appointment, storedVersion: number, write?: AppointmentWrite & { lastChange: number } }
/** A change to an appointment: audited on its own (no-show), or as part of its case's create (check-in). */
interface AppointmentChange { slot: AppointmentSlot, entry: Omit<AuditEntry, 'seq'> | null }

/**
 * One push batch, set-based: everything the batch's mutations may read is loaded up front in one
 * query per table (logged ids, stored cases, taken case numbers, service items), the mutations are
 * then judged in order against this in-memory state (which includes the batch's own earlier
 * changes), and `flush` writes the outcome with one seq reservation and multi-row statements:
 * cases, the mutation log, the audit entries. The caller holds the transaction around all of it.
 */
export class PushBatch {
  private readonly log: LogEntry[] = []
  private readonly changes: Change[] = []
  private readonly appointmentChanges: AppointmentChange[] = []

  private constructor(
    private readonly logged: Map<string, LoggedMutation>,
    private readonly cases: Map<string, CaseSlot>,
    private readonly takenNos: Set<string>,
    private readonly items: Map<string, ServiceItem>,
    private readonly appointments: Map<string, AppointmentSlot>,
    private readonly centerCodes: Map<string, string>,
  ) {}

  static async load(tx: ReadTx, mutations: readonly Mutation[], catalogue: ServiceItemCache): Promise<PushBatch> {
    const ids = new Set<string>()
    const entityIds = new Set<string>()
    const caseNos = new Set<string>()
    const itemIds = new Set<string>()
    const appointmentIds = new Set<string>()
    for (const m of mutations) {
      ids.add(m.id)
      entityIds.add(m.entityId)
      if (m.entity === 'appointment') appointmentIds.add(m.entityId)
      if (m.op !== 'case.create') continue
      if (typeof m.payload.caseNo === 'string') caseNos.add(m.payload.caseNo)
      if (typeof m.payload.serviceItemId === 'string') itemIds.add(m.payload.serviceItemId)
      if (typeof m.payload.appointmentId === 'string') appointmentIds.add(m.payload.appointmentId)
    }
    const cases = new Map<string, CaseSlot>()
    const [stored, logged, takenNos, appointmentRows, codes] = await Promise.all([
      loadCases(tx, [...entityIds]), findLogged(tx, [...ids]), takenCaseNos(tx, [...caseNos]), loadAppointments(tx, [...appointmentIds]),
      centerCodes(tx),
    ])
    for (const row of stored.values()) {
      cases.set(row.id, { data: row.data, fieldVersions: row.field_versions, storedVersion: row.version })
      if (row.service_item_id !== null) itemIds.add(row.service_item_id)
    }
    const appointments = new Map([...appointmentRows.values()].map(current => [current.id, { current, storedVersion: current.version }]))
    return new PushBatch(logged, cases, takenNos, await catalogue.load(tx, [...itemIds]), appointments, codes)
  }

  /** The logged outcome of a mutation id: from before the batch, or from earlier in it. */
  findLogged(id: string): LoggedMutation | undefined {
    return this.logged.get(id)
  }

  /** The case as it stands, with the batch's earlier changes; undefined if it does not exist. */
  storedCase(id: string): StoredCase | undefined {
    const slot = this.cases.get(id)
    if (!slot) return undefined
    slot.parsed ??= {
      record: JSON.parse(slot.data) as CaseRecord,
      fieldVersions: typeof slot.fieldVersions === 'string' ? JSON.parse(slot.fieldVersions) as FieldVersions : slot.fieldVersions,
    }
    return slot.parsed
  }

  /** The code of a centre (ORD), which its case numbers carry. */
  centerCode(centerId: string): string | undefined {
    return this.centerCodes.get(centerId)
  }

  caseNoTaken(caseNo: string): boolean {
    return this.takenNos.has(caseNo)
  }

  /** The appointment as it stands, with the batch's earlier changes; undefined if it does not exist. */
  appointment(id: string): Appointment | undefined {
    return this.appointments.get(id)?.current
  }

  /**
   * Keeps an applied change to an appointment (version already set). A no-show is a mutation of its
   * own and gets its own audit entry; a check-in is part of the case's create, whose entry records it.
   */
  saveAppointment(m: Mutation, actor: StaffUser, next: Appointment, serverTime: string, audited: boolean): void {
    const slot = this.appointments.get(next.id)
    if (!slot) throw new Error('saveAppointment needs an appointment the batch loaded')
    const before = slot.current
    slot.current = next
    slot.write = { next, seq: 0, storedVersion: slot.storedVersion, lastChange: this.appointmentChanges.length }
    this.appointmentChanges.push({
      slot,
      entry: audited
        ? {
            mutationId: m.id, caseId: next.id, centerId: next.centerId, actorId: actor.id, actorName: actor.name,
            deviceId: m.deviceId, serverTime, clientTime: m.clientTime, op: m.op, action: null,
            changes: JSON.stringify({ status: { before: before.status, after: next.status } }),
          }
        : null,
    })
  }

  serviceItem(id: unknown): ServiceItem | undefined {
    return typeof id === 'string' ? this.items.get(id) : undefined
  }

  /** Records the outcome of a judged mutation; later duplicates of its id in the batch find it. */
  logResult(m: Mutation, result: PushResult, serverTime: string): PushResult {
    this.log.push({ m, result, serverTime })
    this.logged.set(m.id, { actorId: m.actorId, result })
    return result
  }

  /** Keeps an applied change: the case's new state (version already set) and its audit entry. */
  saveCase(m: Mutation, actor: StaffUser, before: CaseRecord | undefined, next: CaseRecord, fieldVersions: FieldVersions, serverTime: string): void {
    const data = JSON.stringify(next)
    let slot = this.cases.get(next.id)
    if (!slot) {
      this.cases.set(next.id, slot = { data, fieldVersions, storedVersion: 0 })
      this.takenNos.add(next.caseNo)
    }
    // Later mutations of the batch read the case back from its JSON, as they would from the table.
    slot.data = data
    slot.fieldVersions = fieldVersions
    slot.parsed = undefined
    slot.write = { record: next, data, fieldVersions, seq: 0, storedVersion: slot.storedVersion, lastChange: this.changes.length }
    this.changes.push({
      slot,
      entry: {
        mutationId: m.id, caseId: next.id, centerId: next.centerId, actorId: actor.id, actorName: actor.name,
        deviceId: m.deviceId, serverTime, clientTime: m.clientTime, op: m.op,
        action: m.op === 'case.transition' && typeof m.payload.action === 'string' ? m.payload.action : null,
        changes: JSON.stringify(caseChanges(before, next)),
      },
    })
  }

  /**
   * Writes the batch: one seq reservation, then cases, mutation log and audit entries, all
   * multi-row. Returns the cases as written (in seq order) and the batch's seq range.
   */
  async flush(tx: WriteTx, auditKey: Buffer): Promise<Written> {
    const count = this.changes.length + this.appointmentChanges.length
    const first = count ? await reserveSeqs(tx, count) : 0
    const writes: CaseWrite[] = []
    const entries: AuditEntry[] = this.changes.map(({ entry, slot }, i) => {
      const write = slot.write!
      if (write.lastChange === i) {
        write.seq = first + i
        writes.push(write)
      }
      return { ...entry, seq: first + i }
    })
    // Appointment changes take the numbers after the cases' (audit entries stay in seq order).
    const appointmentWrites: AppointmentWrite[] = []
    this.appointmentChanges.forEach(({ slot, entry }, i) => {
      const seq = first + this.changes.length + i
      if (slot.write!.lastChange === i) {
        slot.write!.seq = seq
        appointmentWrites.push(slot.write!)
      }
      if (entry) entries.push({ ...entry, seq })
    })
    await saveCases(tx, writes)
    await saveAppointments(tx, appointmentWrites)
    await logMutations(tx, this.log)
    await appendAudit(tx, entries, auditKey)
    return {
      cases: writes.map(w => ({ id: w.record.id, version: w.record.version, seq: w.seq, data: w.data })),
      seqs: count ? { first, last: first + count - 1 } : null,
      appointments: this.appointmentChanges.length,
    }
  }
}
