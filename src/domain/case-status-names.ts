/**
 * The names of the case lifecycle's states and actions; the rules between them are in case-status.ts.
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
