import { describe, expect, it } from 'vitest'
import { CASE_ACTIONS, CASE_STATUSES, type CaseAction, type CaseStatus, ROLES, type Role, allowedActions, editDenial, transitionDenial } from '../../src/domain'

/** The whole table, written out by hand: [action, from, role, needsApproval] that are allowed. */
const ALLOWED = new Set<string>()
const DESK: Role[] = ['clerk', 'outreach', 'supervisor']
const allow = (action: CaseAction, from: CaseStatus[], roles: Role[], approval: boolean[] = [false, true]) => {
  for (const f of from) for (const r of roles) for (const a of approval) ALLOWED.add(`${action}|${f}|${r}|${a}`)
}
allow('start', ['received'], DESK)
allow('returnForMaterials', ['received', 'in_progress'], DESK)
// From the approval queue, returning and declining are a supervisor's decision.
allow('returnForMaterials', ['pending_approval'], ['supervisor'])
allow('resume', ['returned'], DESK)
allow('submitForApproval', ['received', 'in_progress'], DESK, [true])
allow('approve', ['pending_approval'], ['supervisor'])
allow('complete', ['in_progress'], DESK, [false])
allow('complete', ['approved'], DESK)
allow('decline', ['received', 'in_progress'], DESK)
allow('decline', ['pending_approval'], ['supervisor'])
allow('withdraw', ['received', 'in_progress', 'returned', 'pending_approval'], DESK)

const every = CASE_ACTIONS.flatMap(action => CASE_STATUSES.flatMap(status => ROLES.flatMap(role =>
  [false, true].map(needsApproval => [action, status, role, needsApproval] as const))))

describe('case state machine', () => {
  it.each(every)('%s from %s by %s (needs approval: %s)', (action, status, role, needsApproval) => {
    const allowed = transitionDenial(action, { status, role, needsApproval }) === null
    expect(allowed).toBe(ALLOWED.has(`${action}|${status}|${role}|${needsApproval}`))
  })

  it('offers nothing on a finished case', () => {
    for (const status of ['completed', 'declined', 'withdrawn'] as const)
      expect(allowedActions({ status, role: 'supervisor', needsApproval: true })).toEqual([])
  })

  it('says why an action is denied', () => {
    expect(transitionDenial('approve', { status: 'pending_approval', role: 'clerk', needsApproval: true })).toBe('role')
    expect(transitionDenial('complete', { status: 'received', role: 'clerk', needsApproval: false })).toBe('state')
    expect(transitionDenial('approve', { status: 'received', role: 'clerk', needsApproval: true })).toBe('role')
    expect(transitionDenial('complete', { status: 'in_progress', role: 'clerk', needsApproval: true })).toBe('approval')
    expect(transitionDenial('decline', { status: 'pending_approval', role: 'clerk', needsApproval: true })).toBe('decision')
    expect(transitionDenial('returnForMaterials', { status: 'pending_approval', role: 'supervisor', needsApproval: true, tookItIn: true })).toBe('ownCase')
    const decide = { status: 'pending_approval', role: 'supervisor', needsApproval: true, department: '公安局' } as const
    expect(transitionDenial('approve', { ...decide, departments: ['医疗保障局'] })).toBe('department')
    expect(transitionDenial('approve', { ...decide, departments: ['医疗保障局', '公安局'] })).toBeNull()
    expect(transitionDenial('approve', { ...decide, departments: [] })).toBeNull()
  })

  it('locks a case for edits while it waits for a decision and once approved', () => {
    expect(CASE_STATUSES.map(status => [status, editDenial(status)])).toEqual([
      ['received', null], ['in_progress', null], ['returned', null], ['pending_approval', 'reject.awaitingDecision'],
      ['approved', 'reject.approvedLocked'], ['completed', 'reject.finalCase'], ['declined', 'reject.finalCase'], ['withdrawn', 'reject.finalCase'],
    ])
  })
})
