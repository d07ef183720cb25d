import { applyCaseMutation } from '../../src/domain/apply-case-mutation'
import type { Mutation, PushResult, RejectCode } from '../../src/domain/protocol'
import type { StaffUser } from '../../src/domain/roles'
import type { DB } from '../db/database'
import { nextSeq } from '../db/seq'
import { caseNoTaken, loadCase, loadServiceItem, saveCase } from './case-rows'
import { conflictingFields, initialFieldVersions, stampFields } from './field-versions'
import { findLogged, logMutation } from './mutation-log'
import { reasonMessage } from './reasons'

type Rejected = Extract<PushResult, { status: 'rejected' }>

const rejected = (m: Mutation, code: RejectCode, reason: string, field?: string): Rejected =>
  ({ id: m.id, status: 'rejected', code, message: reasonMessage(reason, field), reason, ...(field ? { field } : {}) })

/**
 * Answers without applying when the mutation was processed before or may not be pushed by this
 * session. Neither answer is logged: an actor mismatch says something about the pushing session,
 * not the change, and logging it would block the colleague's change for good.
 */
export async function answerWithoutApplying(trx: DB, actor: StaffUser, m: Mutation): Promise<PushResult | undefined> {
  if (m.actorId !== actor.id) return rejected(m, 'FORBIDDEN', 'reject.actorMismatch')
  const logged = await findLogged(trx, m.id)
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

/** Checks, applies and logs one new mutation inside the batch's transaction. */
export async function applyNewMutation(trx: DB, actor: StaffUser, m: Mutation, now: string): Promise<PushResult> {
  const stored = await loadCase(trx, m.entityId)
  const current = stored?.record
  // Only a case of the actor's own centre is compared: a conflict answer carries the case's data.
  if (stored && current!.centerId === actor.centerId && m.op !== 'case.create') {
    const fields = conflictingFields(m, stored.fieldVersions)
    if (fields.length) return logMutation(trx, m, { id: m.id, status: 'conflict', fields, current: current! }, now)
  }
  const serviceItem = await loadServiceItem(trx, current ? current.serviceItemId : m.payload.serviceItemId)
  const outcome = applyCaseMutation(current, m, { actor, serviceItem, now })
  if (!outcome.ok) return logMutation(trx, m, rejected(m, outcome.code, outcome.reason, outcome.field), now)
  if (!current && await caseNoTaken(trx, outcome.next.caseNo)) {
    return logMutation(trx, m, rejected(m, 'DUPLICATE_ID', 'reject.caseNoTaken', 'caseNo'), now)
  }
  const previousVersion = current?.version ?? 0
  const next = { ...outcome.next, version: previousVersion + 1 }
  const fieldVersions = stored
    ? stampFields(stored.fieldVersions, outcome.fields, next.version, m.deviceId)
    : initialFieldVersions(next, m.deviceId)
  await saveCase(trx, next, fieldVersions, await nextSeq(trx), previousVersion)
  return logMutation(trx, m, { id: m.id, status: 'applied', version: next.version }, now)
}
