import * as v from 'valibot'
import { type CaseHistoryEntry, type CaseRecord, type IntakeProblem, type UpdatableField, UPDATABLE_FIELDS, intakeOf, validateIntake } from './case'
import { CLOCK_SKEW_SHOWN_MS } from './approval-queue'
import { caseNoProblem } from './case-number'
import { TRANSITIONS, editDenial, transitionDenial } from './case-status'
import { CREATE_FIELDS, CreatePayloadSchema, type Mutation, type RejectCode, TRANSITION_KEYS, TransitionPayloadSchema, UPDATE_KEYS, UpdatePayloadSchema, unknownKey } from './protocol'
import type { RefusalReason } from './refusal-reasons'
import { CASE_WORKERS, type StaffUser } from './roles'
import type { ServiceItem } from './service-item'
import { hasControlChars } from './text'

/**
 * Applies one case mutation to a case. The same function runs on the device (to show a change at
 * once and to rebase pending changes over pulled data) and on the server (which decides), so the
 * two can never disagree about what a change means. Versions and conflicts are the server's business.
 */
export interface ApplyContext {
  actor: StaffUser
  /** The catalogue entry of the case's service item (of the payload's item for a create). */
  serviceItem: ServiceItem | undefined
  /** Recorded as the change's time: server time on the server, device time on the device. */
  now: string
  /** The actor's centre code: a new case's number must carry it (the server gives it; see caseNoProblem). */
  centerCode?: string
  /** The pushing device's clock minus the server's (ms), recorded on the history entry when it exceeds CLOCK_SKEW_SHOWN_MS. */
  clockSkewMs?: number
}

export type ApplyOutcome =
  | { ok: true, next: CaseRecord, fields: string[] }
  | { ok: false, code: RejectCode, reason: RefusalReason, field?: string }

const deny = (code: RejectCode, reason: RefusalReason, field?: string): ApplyOutcome => ({ ok: false, code, reason, field })

export function applyCaseMutation(current: CaseRecord | undefined, m: Mutation, ctx: ApplyContext): ApplyOutcome {
  const { actor } = ctx
  if (m.actorId !== actor.id) return deny('FORBIDDEN', 'reject.actorMismatch')
  if (!CASE_WORKERS.includes(actor.role)) return deny('FORBIDDEN', 'reject.role')
  if (m.op === 'case.create') return create(current, m, ctx)
  if (!current) return deny('NOT_FOUND', 'reject.caseNotFound')
  if (current.centerId !== actor.centerId) return deny('FORBIDDEN', 'reject.otherCenter')
  return m.op === 'case.update' ? update(current, m, ctx) : transition(current, m, ctx)
}

function entry(m: Mutation, ctx: ApplyContext, rest: Omit<CaseHistoryEntry, 'mutationId' | 'at' | 'actorId' | 'actorName'>): CaseHistoryEntry {
  const skew = ctx.clockSkewMs
  return {
    mutationId: m.id, at: ctx.now, clientAt: m.clientTime, deviceId: m.deviceId,
    ...(skew !== undefined && Math.abs(skew) > CLOCK_SKEW_SHOWN_MS ? { clockSkewMs: skew } : {}),
    actorId: ctx.actor.id, actorName: ctx.actor.name, ...rest,
  }
}

function firstError(errors: Partial<Record<string, IntakeProblem>>): { field: string, reason: RefusalReason } {
  const [field, problem = 'required'] = Object.entries(errors)[0] ?? ['form', 'required']
  return { field, reason: `field.${problem}` }
}

function create(current: CaseRecord | undefined, m: Mutation, ctx: ApplyContext): ApplyOutcome {
  if (current) return deny('DUPLICATE_ID', 'reject.caseExists')
  const unknown = unknownKey(m.payload, CREATE_FIELDS)
  if (unknown) return deny('INVALID', 'reject.unknownField', unknown)
  const header = v.safeParse(CreatePayloadSchema, m.payload)
  if (!header.success) return deny('INVALID', 'reject.invalidPayload')
  const caseNo = ctx.centerCode === undefined ? null : caseNoProblem(header.output.caseNo, { ...header.output, centerCode: ctx.centerCode, now: ctx.now })
  if (caseNo) return deny('INVALID', caseNo === 'center' ? 'reject.caseNoCenter' : 'reject.caseNoDate', 'caseNo')
  const intake = validateIntake(m.payload)
  if (!intake.ok) {
    const { field, reason } = firstError(intake.errors)
    return deny('INVALID', reason, field)
  }
  const item = ctx.serviceItem
  if (!item || item.id !== intake.value.serviceItemId) return deny('NOT_FOUND', 'reject.itemNotFound', 'serviceItemId')
  if (!item.applicants.includes(intake.value.applicantType)) return deny('INVALID', 'reject.applicantType', 'applicantType')
  const next: CaseRecord = {
    ...intake.value,
    id: m.entityId,
    caseNo: header.output.caseNo,
    centerId: ctx.actor.centerId,
    serviceItemName: item.name,
    status: 'received',
    statusNote: '',
    receivedAt: header.output.receivedAt,
    receivedBy: ctx.actor.id,
    receivedByName: ctx.actor.name,
    updatedAt: ctx.now,
    version: 0,
    history: [entry(m, ctx, { kind: 'create', to: 'received' })],
  }
  return { ok: true, next, fields: [] }
}

function update(current: CaseRecord, m: Mutation, ctx: ApplyContext): ApplyOutcome {
  const unknown = unknownKey(m.payload, UPDATE_KEYS)
  if (unknown) return deny('INVALID', 'reject.unknownField', unknown)
  const parsed = v.safeParse(UpdatePayloadSchema, m.payload)
  if (!parsed.success) return deny('INVALID', 'reject.invalidPayload')
  const fields = parsed.output.fields
  // Taking the central system's side of a conflict changes nothing, so it is recorded even when
  // a colleague has closed the case meanwhile (the usual cause of a conflict over its status).
  const settlesOnly = parsed.output.resolves !== undefined && Object.keys(fields).length === 0
  const locked = editDenial(current.status)
  if (locked && !settlesOnly) return deny('ILLEGAL_TRANSITION', locked)
  const unknownField = Object.keys(fields).find(key => !UPDATABLE_FIELDS.includes(key as UpdatableField))
  if (unknownField) return deny('INVALID', 'reject.fieldNotEditable', unknownField)
  const intake = validateIntake({ ...intakeOf(current), ...fields })
  if (!intake.ok) {
    const { field, reason } = firstError(intake.errors)
    return deny('INVALID', reason, field)
  }
  const changed = UPDATABLE_FIELDS.filter(key => key in fields
    && JSON.stringify(intake.value[key]) !== JSON.stringify(current[key]))
  const next: CaseRecord = { ...current, updatedAt: ctx.now }
  for (const key of changed) (next as unknown as Record<string, unknown>)[key] = intake.value[key]
  const { resolves } = parsed.output
  // A conflict settled in the central system's favour changes nothing, but the choice is recorded.
  if (changed.length || resolves)
    next.history = [...current.history, entry(m, ctx, { kind: 'update', fields: changed, ...(resolves ? { resolves } : {}) })]
  return { ok: true, next, fields: changed }
}

function transition(current: CaseRecord, m: Mutation, ctx: ApplyContext): ApplyOutcome {
  const unknown = unknownKey(m.payload, TRANSITION_KEYS)
  if (unknown) return deny('INVALID', 'reject.unknownField', unknown)
  const parsed = v.safeParse(TransitionPayloadSchema, m.payload)
  if (!parsed.success) return deny('INVALID', 'reject.invalidPayload')
  const { action, note, resolves } = parsed.output
  const denial = transitionDenial(action, {
    status: current.status, role: ctx.actor.role, needsApproval: ctx.serviceItem?.needsApproval ?? false,
    tookItIn: current.receivedBy === ctx.actor.id, department: ctx.serviceItem?.department, departments: ctx.actor.departments,
  })
  if (denial === 'role') return deny('FORBIDDEN', 'reject.role')
  if (denial === 'ownCase') return deny('FORBIDDEN', 'reject.ownCase')
  if (denial === 'decision') return deny('FORBIDDEN', 'reject.supervisorDecides')
  if (denial === 'department') return deny('FORBIDDEN', 'reject.otherDepartment')
  if (denial) return deny('ILLEGAL_TRANSITION', `transition.${denial}`)
  const rule = TRANSITIONS[action]
  if (rule.needsNote && !note) return deny('INVALID', 'field.required', 'note')
  if (hasControlChars(note, { multiline: true })) return deny('INVALID', 'field.controlChars', 'note')
  const next: CaseRecord = {
    ...current,
    status: rule.to,
    statusNote: note,
    updatedAt: ctx.now,
    history: [...current.history, entry(m, ctx, {
      kind: action, from: current.status, to: rule.to, ...(note ? { note } : {}), ...(resolves ? { resolves } : {}),
    })],
  }
  return { ok: true, next, fields: ['status', 'statusNote'] }
}
