import type { Role } from './roles'

/**
 * The case lifecycle, the one state machine that the app and the server both check.
 * received → in_progress → (pending_approval → approved)? → completed; returned / declined / withdrawn on the way.
 */
export const CASE_STATUSES = [
  'received', 'in_progress', 'returned', 'pending_approval', 'approved', 'completed', 'declined', 'withdrawn',
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

export const FINAL_STATUSES: readonly CaseStatus[] = ['completed', 'declined', 'withdrawn']

export const CASE_ACTIONS = [
  'start', 'returnForMaterials', 'resume', 'submitForApproval', 'approve', 'complete', 'decline', 'withdraw',
] as const
export type CaseAction = (typeof CASE_ACTIONS)[number]

interface TransitionRule {
  from: readonly CaseStatus[]
  to: CaseStatus
  roles: readonly Role[]
  /** The applicant and the next clerk need to know why: a note is required. */
  needsNote?: boolean
  /** Only for items that need (or do not need) a supervisor's approval. */
  approval?: 'required' | 'notRequired'
  /** Separation of duties: not by the person who took the case in. */
  notByReceiver?: boolean
}

const DESK: readonly Role[] = ['clerk', 'outreach', 'supervisor']

export const TRANSITIONS: Record<CaseAction, TransitionRule> = {
  start: { from: ['received'], to: 'in_progress', roles: DESK },
  returnForMaterials: { from: ['received', 'in_progress', 'pending_approval'], to: 'returned', roles: DESK, needsNote: true },
  resume: { from: ['returned'], to: 'in_progress', roles: DESK },
  // Straight from intake too: a weekend clerk often takes in complete materials and passes them on.
  submitForApproval: { from: ['received', 'in_progress'], to: 'pending_approval', roles: DESK, approval: 'required' },
  approve: { from: ['pending_approval'], to: 'approved', roles: ['supervisor'], notByReceiver: true },
  complete: { from: ['in_progress', 'approved'], to: 'completed', roles: DESK },
  decline: { from: ['received', 'in_progress', 'pending_approval'], to: 'declined', roles: DESK, needsNote: true },
  withdraw: { from: ['received', 'in_progress', 'returned', 'pending_approval'], to: 'withdrawn', roles: DESK },
}

export interface TransitionContext {
  status: CaseStatus
  role: Role
  needsApproval: boolean
  /** The acting user took this case in. */
  tookItIn?: boolean
}

export type TransitionDenial = 'state' | 'role' | 'approval' | 'ownCase'

/** Why `action` may not happen now, or null when it may. */
export function transitionDenial(action: CaseAction, ctx: TransitionContext): TransitionDenial | null {
  const rule = TRANSITIONS[action]
  // Role first: a clerk's approve is forbidden whatever state the case is in.
  if (!rule.roles.includes(ctx.role)) return 'role'
  if (rule.notByReceiver && ctx.tookItIn) return 'ownCase'
  if (!rule.from.includes(ctx.status)) return 'state'
  if (rule.approval === 'required' && !ctx.needsApproval) return 'approval'
  // An approval item reaches completion only through approve; complete from in_progress would skip it.
  if (action === 'complete' && ctx.status === 'in_progress' && ctx.needsApproval) return 'approval'
  return null
}

/** The actions to offer on a case: only those the state machine and the role allow. */
export const allowedActions = (ctx: TransitionContext): CaseAction[] =>
  CASE_ACTIONS.filter(action => transitionDenial(action, ctx) === null)
