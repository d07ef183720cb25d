import { describe, expect, it } from 'vitest'
import {
  type ApplyContext, applyCaseMutation, arrivalsSince, type CaseRecord, cameInOffline, newId, queueOrder, type QueuedCase,
  creditCodeCheckChar, transitionDenial, waitingSince,
} from '../../src/domain'
import { APPROVAL_ITEM, CLERK, SUPERVISOR, createPayload, mutation } from '../support/fixtures'

const ENTERPRISE = {
  ...createPayload(), serviceItemId: APPROVAL_ITEM.id, applicantType: 'enterprise', applicantName: '鄂尔多斯矿业有限公司',
  contactName: '李经理', idNumber: `91150602MA0N4RKE8${creditCodeCheckChar('91150602MA0N4RKE8')}`, materials: [],
}

/** A case taken in at `clientTime` on the device and applied by the server at `now`, then submitted. */
function submitted(opts: { clientTime: string, now: string, deviceId?: string, by?: typeof CLERK }): CaseRecord {
  const actor = opts.by ?? CLERK
  const ctx: ApplyContext = { actor, serviceItem: APPROVAL_ITEM, now: opts.now }
  const over = { clientTime: opts.clientTime, deviceId: opts.deviceId ?? 'device-a', actorId: actor.id }
  const created = applyCaseMutation(undefined, mutation('case.create', newId(), ENTERPRISE, over), ctx)
  if (!created.ok) throw new Error(created.reason)
  const sent = applyCaseMutation(created.next, mutation('case.transition', created.next.id, { action: 'submitForApproval', note: '' }, over), ctx)
  if (!sent.ok) throw new Error(sent.reason)
  return sent.next
}

describe('the approval queue', () => {
  it('goes straight from intake to pending approval for an item that needs one', () => {
    const record = submitted({ clientTime: '2026-11-28T01:00:00.000Z', now: '2026-11-28T01:00:01.000Z' })
    expect(record.status).toBe('pending_approval')
    expect(record.history.at(-1)).toMatchObject({ clientAt: '2026-11-28T01:00:00.000Z', deviceId: 'device-a', to: 'pending_approval' })
  })

  it('refuses self-approval: the supervisor who took a case in cannot approve it (separation of duties)', () => {
    const own = submitted({ clientTime: '2026-11-28T01:00:00.000Z', now: '2026-11-28T01:00:00.000Z', by: SUPERVISOR })
    const approve = mutation('case.transition', own.id, { action: 'approve', note: '' }, { actorId: SUPERVISOR.id })
    const outcome = applyCaseMutation(own, approve, { actor: SUPERVISOR, serviceItem: APPROVAL_ITEM, now: '2026-11-28T02:00:00.000Z' })
    expect(outcome).toMatchObject({ ok: false, code: 'FORBIDDEN', reason: 'reject.ownCase' })
    expect(transitionDenial('approve', { status: 'pending_approval', role: 'supervisor', needsApproval: true, tookItIn: true })).toBe('ownCase')
    // The role is checked first: a clerk is refused for the role, whoever took the case in.
    expect(transitionDenial('approve', { status: 'pending_approval', role: 'clerk', needsApproval: true, tookItIn: false })).toBe('role')
  })

  it('lets another supervisor approve a clerk’s case', () => {
    const record = submitted({ clientTime: '2026-11-28T01:00:00.000Z', now: '2026-11-28T01:00:00.000Z' })
    const approve = mutation('case.transition', record.id, { action: 'approve', note: '' }, { actorId: SUPERVISOR.id })
    expect(applyCaseMutation(record, approve, { actor: SUPERVISOR, serviceItem: APPROVAL_ITEM, now: '2026-11-28T02:00:00.000Z' }))
      .toMatchObject({ ok: true, next: { status: 'approved' } })
  })

  it('tells a case taken in offline (applied minutes after it was made) from one synced at once', () => {
    expect(cameInOffline(submitted({ clientTime: '2026-11-28T01:00:00.000Z', now: '2026-11-28T01:00:20.000Z' }))).toBe(false)
    expect(cameInOffline(submitted({ clientTime: '2026-11-28T01:00:00.000Z', now: '2026-11-28T03:10:00.000Z' }))).toBe(true)
  })

  it('counts the wait from the device’s submission, not from when the centre heard of it', () => {
    const record = submitted({ clientTime: '2026-11-28T01:00:00.000Z', now: '2026-11-28T03:10:00.000Z' })
    expect(waitingSince(record)).toBe('2026-11-28T01:00:00.000Z')
  })

  it('puts urgent items first, then the longest waiting', () => {
    const at = (clientTime: string, urgent: boolean): QueuedCase => ({ record: submitted({ clientTime, now: clientTime }), urgent })
    const routineOld = at('2026-11-28T01:00:00.000Z', false)
    const routineNew = at('2026-11-28T02:00:00.000Z', false)
    const urgentNew = at('2026-11-28T03:00:00.000Z', true)
    const urgentOld = at('2026-11-28T01:30:00.000Z', true)
    expect([routineNew, urgentNew, routineOld, urgentOld].sort(queueOrder)).toEqual([urgentOld, urgentNew, routineOld, routineNew])
  })

  it('reports arrivals the supervisor has not seen, from other devices, with how many devices', () => {
    const t = '2026-11-28T01:00:00.000Z'
    const seenOne = submitted({ clientTime: t, now: t, deviceId: 'device-a' })
    const fromA = submitted({ clientTime: t, now: t, deviceId: 'device-a' })
    const fromB = submitted({ clientTime: t, now: t, deviceId: 'device-b' })
    const fromB2 = submitted({ clientTime: t, now: t, deviceId: 'device-b' })
    const mine = submitted({ clientTime: t, now: t, deviceId: 'device-super' })
    const arrivals = arrivalsSince([seenOne, fromA, fromB, fromB2, mine], new Set([seenOne.id]), 'device-super')
    expect(arrivals.cases.map(r => r.id)).toEqual([fromA.id, fromB.id, fromB2.id])
    expect(arrivals.devices).toBe(2)
  })
})
