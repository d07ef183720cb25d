import { applyCaseMutation } from '../../src/domain/apply-case-mutation'
import { checkInAppointment, decideNoShow } from '../../src/domain/appointment'
import { type Mutation, type PushResult, type RejectCode, entityOfOp, payloadTooLarge } from '../../src/domain/protocol'
import type { StaffUser } from '../../src/domain/roles'
import { conflictingFields, initialFieldVersions, stampFields } from './field-versions'
import type { PushBatch } from './push-batch'
import { reasonMessage } from './reasons'

type Rejected = Extract<PushResult, { status: 'rejected' }>

const rejected = (m: Mutation, code: RejectCode, reason: string, field?: string): Rejected =>
  ({ id: m.id, status: 'rejected', code, message: reasonMessage(reason, field), reason, ...(field ? { field } : {}) })

/**
 * Answers without applying when the mutation was processed before or may not be pushed by this
 * session. Neither answer is logged: an actor mismatch says something about the pushing session,
 * not the change, and logging it would block the colleague's change for good.
 */
export function answerWithoutApplying(batch: PushBatch, actor: StaffUser, m: Mutation): PushResult | undefined {
  if (m.actorId !== actor.id) return rejected(m, 'FORBIDDEN', 'reject.actorMismatch')
  const logged = batch.findLogged(m.id)
  if (!logged) return undefined
  if (logged.actorId !== actor.id) return rejected(m, 'DUPLICATE_ID', 'reject.mutationIdReused')
  const result = logged.result
  return result.status === 'applied' ? { id: m.id, status: 'duplicate', version: result.version } : result
}

/** The same answer as an earlier failed change to the same case in this batch, so order is kept. */
export function followEarlierFailure(m: Mutation, earlier: PushResult): PushResult {
  if (earlier.status === 'conflict') return { ...earlier, id: m.id, blockedBy: earlier.blockedBy ?? earlier.id }
  if (earlier.status === 'rejected') return { ...rejected(m, earlier.code, 'reject.earlierFailed'), blockedBy: earlier.blockedBy ?? earlier.id }
  throw new Error('followEarlierFailure needs a conflict or a rejection')
}

/** What the server knows about the push a mutation came in: its time and the device clock's error. */
export interface Arrival {
  /** Server time, recorded as the change's time. */
  now: string
  /** The device's clock minus the server's (ms), from the push's `sentAt`; unknown for older devices. */
  clockSkewMs?: number
}

/** Checks, applies and logs one new mutation against the batch's state (written when the batch flushes). */
export function applyNewMutation(batch: PushBatch, actor: StaffUser, m: Mutation, { now, clockSkewMs }: Arrival): PushResult {
  if (m.entity !== entityOfOp(m.op)) return batch.logResult(m, rejected(m, 'INVALID', 'reject.invalidPayload'), now)
  if (payloadTooLarge(m.payload)) return batch.logResult(m, rejected(m, 'INVALID', 'reject.payloadTooLarge'), now)
  if (m.entity === 'appointment') return applyAppointmentMutation(batch, actor, m, now)
  const stored = batch.storedCase(m.entityId)
  const current = stored?.record
  // A device can only have seen versions the server gave it (a create is made on version 0).
  if (m.baseVersion > (current?.version ?? 0)) return batch.logResult(m, rejected(m, 'INVALID', 'reject.baseVersionAhead', 'baseVersion'), now)
  // Only a case of the actor's own centre is compared: a conflict answer carries the case's data.
  if (stored && current!.centerId === actor.centerId && m.op !== 'case.create') {
    const fields = conflictingFields(m, stored.fieldVersions)
    if (fields.length) return batch.logResult(m, { id: m.id, status: 'conflict', fields, current: current! }, now)
  }
  const serviceItem = batch.serviceItem(current ? current.serviceItemId : m.payload.serviceItemId)
  const outcome = applyCaseMutation(current, m, { actor, serviceItem, now, clockSkewMs, centerCode: batch.centerCode(actor.centerId) ?? '' })
  if (!outcome.ok) return batch.logResult(m, rejected(m, outcome.code, outcome.reason, outcome.field), now)
  if (!current && batch.caseNoTaken(outcome.next.caseNo)) {
    return batch.logResult(m, rejected(m, 'DUPLICATE_ID', 'reject.caseNoTaken', 'caseNo'), now)
  }
  // 到号: a case taken in from an appointment checks it in, in the same transaction.
  const appointmentId = m.op === 'case.create' ? outcome.next.appointmentId : undefined
  const checkIn = appointmentId ? checkInAppointment(batch.appointment(appointmentId), outcome.next.id, { actor, now: new Date(now) }) : null
  if (checkIn && !checkIn.ok) return batch.logResult(m, rejected(m, checkIn.code, checkIn.reason, 'appointmentId'), now)
  const previousVersion = current?.version ?? 0
  const next = { ...outcome.next, version: previousVersion + 1 }
  const fieldVersions = stored
    ? stampFields(stored.fieldVersions, outcome.fields, next.version, m.deviceId)
    : initialFieldVersions(next, m.deviceId)
  batch.saveCase(m, actor, current, next, fieldVersions, now)
  if (checkIn?.next) batch.saveAppointment(m, actor, { ...checkIn.next, version: checkIn.next.version + 1 }, now, false)
  return batch.logResult(m, { id: m.id, status: 'applied', version: next.version }, now)
}

/** 爽约 and any later appointment op: decided by the shared rule, logged and audited like a case change. */
function applyAppointmentMutation(batch: PushBatch, actor: StaffUser, m: Mutation, now: string): PushResult {
  const current = batch.appointment(m.entityId)
  if (m.baseVersion > (current?.version ?? 0)) return batch.logResult(m, rejected(m, 'INVALID', 'reject.baseVersionAhead', 'baseVersion'), now)
  const outcome = decideNoShow(current, m, { actor, now: new Date(now) })
  if (!outcome.ok) return batch.logResult(m, rejected(m, outcome.code, outcome.reason), now)
  const next = { ...outcome.next, version: current!.version + 1 }
  batch.saveAppointment(m, actor, next, now, true)
  return batch.logResult(m, { id: m.id, status: 'applied', version: next.version }, now)
}
