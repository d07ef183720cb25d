import {
  applyCaseMutation, type CaseIntake, type CaseRecord, formatCaseNo, type Mutation, type MutationOp,
  centerDay, LocalRejection, newId, type ServiceCenter, type StaffUser,
} from '../domain'
import { checkInLocally } from './appointment-writes'
import type { ShiftDeskDB } from './database'
import { deviceIdentity } from './device'
import { readMeta, writeMeta } from './meta'
import { withReopen } from './reopen'

/**
 * Writes a case change and its outbox mutation in ONE transaction: either both are stored or
 * neither. The change is applied locally with the same rules the server uses.
 */
export function recordCaseChange(
  db: ShiftDeskDB, actor: StaffUser, op: MutationOp, entityId: string, payload: Record<string, unknown>,
): Promise<CaseRecord> {
  return withReopen(db, () => writeCaseChange(db, actor, op, entityId, payload))
}

/**
 * Several changes by one person in ONE transaction (a supervisor approving 200 cases at once):
 * all are stored, in order, or none is — a refused one names its case and nothing is kept.
 */
export function recordCaseChanges(
  db: ShiftDeskDB, actor: StaffUser, changes: readonly { op: MutationOp, entityId: string, payload: Record<string, unknown> }[],
): Promise<CaseRecord[]> {
  return withReopen(db, () => db.transaction('rw', caseWriteTables(db), async () => {
    const records: CaseRecord[] = []
    // One after another: each change's outbox seq must follow the one before it.
    for (const change of changes) records.push(await writeCaseChange(db, actor, change.op, change.entityId, change.payload))
    return records
  }))
}

/** Every table a case change writes or reads, for the transactions that make one. */
export const caseWriteTables = (db: ShiftDeskDB) => [db.cases, db.caseBases, db.outbox, db.serviceItems, db.meta]

function writeCaseChange(
  db: ShiftDeskDB, actor: StaffUser, op: MutationOp, entityId: string, payload: Record<string, unknown>,
): Promise<CaseRecord> {
  return db.transaction('rw', caseWriteTables(db), async () => {
    // Reads that do not depend on each other go out together: every IndexedDB round trip costs
    // ~0.3 ms in Chromium on a 2-core machine, and intake waits for all of them (bench: take in).
    const [{ deviceId }, current, base] = await Promise.all([deviceIdentity(db), db.cases.get(entityId), db.caseBases.get(entityId)])
    const now = new Date().toISOString()
    const mutation: Mutation = {
      id: newId(), deviceId, actorId: actor.id, entity: 'case', entityId, op,
      baseVersion: current?.version ?? 0, payload, clientTime: now,
    }
    const itemId = current?.serviceItemId ?? String(payload.serviceItemId ?? '')
    const outcome = applyCaseMutation(current, mutation, { actor, serviceItem: await db.serviceItems.get(itemId), now })
    if (!outcome.ok) throw new LocalRejection(outcome.code, outcome.reason, outcome.field)
    const next = { ...outcome.next, version: current?.version ?? 0 }
    await Promise.all([
      // Keep the server's copy from before the first local change, to rebase on or fall back to.
      base ? undefined : db.caseBases.put({ id: entityId, data: current ?? null }),
      db.cases.put(next),
      db.outbox.add({ id: mutation.id, entityId, actorId: actor.id, actor, state: 'pending', mutation }),
    ])
    return next
  })
}

/**
 * 受理: takes in a new case with the next case number of this device for the centre's day. A case
 * taken in from an appointment checks it in, in the same transaction (到号).
 */
export function takeInCase(db: ShiftDeskDB, actor: StaffUser, center: ServiceCenter, intake: CaseIntake): Promise<CaseRecord> {
  const tables = intake.appointmentId ? [...caseWriteTables(db), db.appointments] : caseWriteTables(db)
  return withReopen(db, () => db.transaction('rw', tables, async () => {
    const receivedAt = new Date()
    const day = centerDay(receivedAt)
    const [{ deviceTag }, last] = await Promise.all([deviceIdentity(db), readMeta<number>(db, `caseSeq:${day}`, 0)])
    const caseNo = formatCaseNo(center.code, day, deviceTag, last + 1)
    const [, record] = await Promise.all([
      writeMeta(db, `caseSeq:${day}`, last + 1),
      writeCaseChange(db, actor, 'case.create', newId(), { ...intake, caseNo, receivedAt: receivedAt.toISOString() }),
    ])
    if (intake.appointmentId) await checkInLocally(db, actor, record, receivedAt)
    return record
  }))
}
