import { INTAKE_PROBLEMS } from './case'

/**
 * Every reason key (an i18n key) the domain's rules give when they refuse a change: in
 * apply-case-mutation.ts and appointment.ts, whose `deny` takes only these, so a new reason does
 * not type-check until it is listed here. The server's English sentences (server/sync/reasons.ts)
 * and the app's messages (src/i18n) are checked against this list.
 */
export const REFUSAL_REASONS = [
  'reject.actorMismatch', 'reject.role', 'reject.caseNotFound', 'reject.otherCenter', 'reject.caseExists',
  'reject.invalidPayload', 'reject.itemNotFound', 'reject.applicantType', 'reject.finalCase',
  'reject.fieldNotEditable', 'reject.ownCase', 'reject.supervisorDecides', 'reject.otherDepartment',
  'reject.awaitingDecision', 'reject.approvedLocked', 'reject.unknownField', 'reject.caseNoCenter', 'reject.caseNoDate',
  'reject.appointmentNotFound', 'reject.appointmentOtherCenter', 'reject.appointmentNotBooked', 'reject.slotNotEnded',
  // The transition denials 'role', 'ownCase', 'decision' and 'department' are answered as reject.role,
  // reject.ownCase, reject.supervisorDecides and reject.otherDepartment.
  'transition.state', 'transition.approval',
  ...INTAKE_PROBLEMS.map(p => `field.${p}` as const),
] as const
export type RefusalReason = (typeof REFUSAL_REASONS)[number]
