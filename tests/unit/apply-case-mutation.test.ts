import { describe, expect, it } from 'vitest'
import { type ApplyContext, applyCaseMutation, type CaseRecord, newId } from '../../src/domain'
import { APPROVAL_ITEM, CLERK, ITEM, SUPERVISOR, createPayload, mutation } from '../support/fixtures'

const ctx = (over: Partial<ApplyContext> = {}): ApplyContext => ({ actor: CLERK, serviceItem: ITEM, now: '2026-11-28T02:00:00.000Z', ...over })

function created(): CaseRecord {
  const outcome = applyCaseMutation(undefined, mutation('case.create', newId(), createPayload()), ctx())
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.next
}

describe('applyCaseMutation', () => {
  it('creates a received case in the actor’s centre with the catalogue’s item name', () => {
    const record = created()
    expect(record).toMatchObject({ status: 'received', centerId: CLERK.centerId, serviceItemName: ITEM.name, receivedBy: CLERK.id })
    expect(record.history).toHaveLength(1)
  })

  it('refuses a create whose ID number fails its checksum, naming the field', () => {
    const outcome = applyCaseMutation(undefined, mutation('case.create', newId(), { ...createPayload(), idNumber: '110105194912310021' }), ctx())
    expect(outcome).toMatchObject({ ok: false, code: 'INVALID', field: 'idNumber', reason: 'field.residentId.checksum' })
  })

  it('refuses an item the applicant type may not apply for', () => {
    const payload = { ...createPayload(), serviceItemId: APPROVAL_ITEM.id }
    const outcome = applyCaseMutation(undefined, mutation('case.create', newId(), payload), ctx({ serviceItem: APPROVAL_ITEM }))
    expect(outcome).toMatchObject({ ok: false, code: 'INVALID', field: 'applicantType' })
  })

  it('updates only the fields that changed', () => {
    const record = created()
    const outcome = applyCaseMutation(record, mutation('case.update', record.id, { fields: { phone: '13900139000', notes: '' } }), ctx())
    expect(outcome).toMatchObject({ ok: true, fields: ['phone'] })
  })

  it('refuses fields an update may not touch', () => {
    const record = created()
    const outcome = applyCaseMutation(record, mutation('case.update', record.id, { fields: { status: 'completed' } }), ctx())
    expect(outcome).toMatchObject({ ok: false, code: 'INVALID', field: 'status' })
  })

  it('moves a case along the state machine and records it', () => {
    const record = created()
    const outcome = applyCaseMutation(record, mutation('case.transition', record.id, { action: 'start' }), ctx())
    expect(outcome.ok && outcome.next.status).toBe('in_progress')
    expect(outcome.ok && outcome.next.history.at(-1)).toMatchObject({ kind: 'start', from: 'received', to: 'in_progress' })
  })

  it.each([
    ['complete', CLERK, 'ILLEGAL_TRANSITION'],
    ['approve', CLERK, 'FORBIDDEN'],
    ['approve', SUPERVISOR, 'ILLEGAL_TRANSITION'],
  ] as const)('refuses %s on a received case by %s', (action, actor, code) => {
    const record = created()
    const outcome = applyCaseMutation(record, mutation('case.transition', record.id, { action }, { actorId: actor.id }), ctx({ actor }))
    expect(outcome).toMatchObject({ ok: false, code })
  })

  it('needs a note to return a case for materials', () => {
    const record = created()
    const outcome = applyCaseMutation(record, mutation('case.transition', record.id, { action: 'returnForMaterials' }), ctx())
    expect(outcome).toMatchObject({ ok: false, code: 'INVALID', field: 'note' })
  })

  it('refuses another centre’s case and another actor’s mutation', () => {
    const record = { ...created(), centerId: 'center-other' }
    expect(applyCaseMutation(record, mutation('case.transition', record.id, { action: 'start' }), ctx()))
      .toMatchObject({ ok: false, code: 'FORBIDDEN', reason: 'reject.otherCenter' })
    expect(applyCaseMutation(undefined, mutation('case.create', newId(), createPayload(), { actorId: 'someone-else' }), ctx()))
      .toMatchObject({ ok: false, code: 'FORBIDDEN', reason: 'reject.actorMismatch' })
  })

  it('records taking the central system’s side even on a case a colleague has closed, and nothing else', () => {
    const closed = { ...created(), status: 'completed' as const }
    const resolves = { mutationId: newId(), choice: 'theirs' as const }
    const settle = applyCaseMutation(closed, mutation('case.update', closed.id, { fields: {}, resolves }), ctx())
    expect(settle).toMatchObject({ ok: true, fields: [] })
    expect(settle.ok && settle.next.history.at(-1)).toMatchObject({ resolves })
    expect(applyCaseMutation(closed, mutation('case.update', closed.id, { fields: { notes: 'x' }, resolves }), ctx()))
      .toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' })
  })
})
