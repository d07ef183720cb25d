import type { Role } from './roles'
import { type CaseAction, type CaseStatus, CASE_ACTIONS, FINAL_STATUSES } from './case-status-names'

/**
 * Who may do what to a case in which state: the one matrix that the app (to offer only what may
 * succeed) and the server (which decides) both apply; docs/case-matrix.md is checked against it.
 * The names of the states and actions are in case-status-names.ts, so a page that only lists
 * states (the case list, in the first load) does not load the rules.
 */
export * from './case-status-names'

interface TransitionRule {
  from: readonly CaseStatus[]
  to: CaseStatus
  roles: readonly Role[]
  /** The applicant and the next clerk need to know why: a note is required. */
  needsNote?: boolean
  /** Only for items that need (or do not need) a supervisor's approval. */
  approval?: 'required' | 'notRequired'
  /**
   * From these states the action is a supervisor's decision on a case waiting for approval: only a
   * supervisor, not the person who took the case in (separation of duties), and only for an item of
   * one of the supervisor's approval departments.
   */
  decidesFrom?: readonly CaseStatus[]
}

const DESK: readonly Role[] = ['clerk', 'outreach', 'supervisor']

export const TRANSITIONS: Record<CaseAction, TransitionRule> = {
  start: { from: ['received'], to: 'in_progress', roles: DESK },
  returnForMaterials: {
    from: ['received', 'in_progress', 'pending_approval'], to: 'returned', roles: DESK, needsNote: true, decidesFrom: ['pending_approval'],
  },
  resume: { from: ['returned'], to: 'in_progress', roles: DESK },
  // Straight from intake too: a weekend clerk often takes in complete materials and passes them on.
  submitForApproval: { from: ['received', 'in_progress'], to: 'pending_approval', roles: DESK, approval: 'required' },
  approve: { from: ['pending_approval'], to: 'approved', roles: ['supervisor'], decidesFrom: ['pending_approval'] },
  complete: { from: ['in_progress', 'approved'], to: 'completed', roles: DESK },
  decline: {
    from: ['received', 'in_progress', 'pending_approval'], to: 'declined', roles: DESK, needsNote: true, decidesFrom: ['pending_approval'],
  },
  // The applicant may withdraw an application until it is decided (行政许可法 art. 36 ff.); the clerk
  // records it at the window. It decides nothing on the merits, so it is no supervisor's decision.
  withdraw: { from: ['received', 'in_progress', 'returned', 'pending_approval'], to: 'withdrawn', roles: DESK },
}

export interface TransitionContext {
  status: CaseStatus
  role: Role
  needsApproval: boolean
  /** The acting user took this case in. */
  tookItIn?: boolean
  /** The department of the case's service item (事项的实施部门). */
  department?: string
  /** The departments the acting supervisor decides for; empty or absent: any of their centre. */
  departments?: readonly string[]
}

/**
 * 'decision': only a supervisor decides a case waiting for approval; 'department': not for this
 * supervisor's approval departments.
 */
export type TransitionDenial = 'state' | 'role' | 'approval' | 'ownCase' | 'decision' | 'department'

/** Whether `departments` (a supervisor's approval departments) cover an item of `department`. */
export const decidesForDepartment = (departments: readonly string[] | undefined, department: string | undefined) =>
  !departments?.length || (department !== undefined && departments.includes(department))

/** Why `action` may not happen now, or null when it may. */
export function transitionDenial(action: CaseAction, ctx: TransitionContext): TransitionDenial | null {
  const rule = TRANSITIONS[action]
  // Role first: a clerk's approve is forbidden whatever state the case is in.
  if (!rule.roles.includes(ctx.role)) return 'role'
  // Approve is a decision in every state it could be asked for in; return and decline only from the queue.
  const decides = action === 'approve' || rule.decidesFrom?.includes(ctx.status)
  if (decides && ctx.role !== 'supervisor') return 'decision'
  if (decides && ctx.tookItIn) return 'ownCase'
  if (!rule.from.includes(ctx.status)) return 'state'
  if (decides && !decidesForDepartment(ctx.departments, ctx.department)) return 'department'
  if (rule.approval === 'required' && !ctx.needsApproval) return 'approval'
  // An approval item reaches completion only through approve; complete from in_progress would skip it.
  if (action === 'complete' && ctx.status === 'in_progress' && ctx.needsApproval) return 'approval'
  return null
}

/**
 * Why a case in `status` may not be edited (case.update) now, or null. Closed cases are final; a case
 * waiting for a decision or approved is locked so that the supervisor decides, and the case is
 * completed, on exactly the data the supervisor saw. (Settling a conflict in the central system's
 * favour changes nothing and stays allowed: apply-case-mutation.ts.)
 */
export function editDenial(status: CaseStatus): 'reject.finalCase' | 'reject.awaitingDecision' | 'reject.approvedLocked' | null {
  if (FINAL_STATUSES.includes(status)) return 'reject.finalCase'
  if (status === 'pending_approval') return 'reject.awaitingDecision'
  if (status === 'approved') return 'reject.approvedLocked'
  return null
}

/** The actions to offer on a case: only those the state machine and the role allow. */
export const allowedActions = (ctx: TransitionContext): CaseAction[] =>
  CASE_ACTIONS.filter(action => transitionDenial(action, ctx) === null)
