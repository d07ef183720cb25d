import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type * as Domain from '../../src/domain'
import { type Appointment, type Mutation, type StaffUser, residentIdCheckChar } from '../../src/domain'
import { CENTER, CLERK, SUPERVISOR } from '../support/fixtures'

/**
 * The no-show rule (爽约) and check-in (到号), decided by one function for the device and the
 * server. The slot's end is the centre's wall clock: each table runs with the process in Shanghai
 * and in New York, with instants written with explicit offsets.
 */
const booked: Appointment = {
  id: '0193a6f0-0000-7000-8000-000000000001', code: 'K7Q2XM4P', centerId: CENTER.id, itemId: 'item-credit', itemName: '个人征信报告打印',
  date: '2026-11-28', slotStart: '09:00', slotEnd: '09:30', kind: 'weekend', name: '周丽', mobile: '13904771234',
  idNumber: `15060219850312004${residentIdCheckChar('15060219850312004')}`, status: 'booked', caseId: null, version: 1, updatedAt: '2026-11-20T02:00:00.000Z',
}
const OUTREACH: StaffUser = { ...CLERK, id: 'user-outreach', role: 'outreach' }
const ADMIN: StaffUser = { ...CLERK, id: 'user-admin', role: 'admin' }
const OTHER: StaffUser = { ...CLERK, id: 'user-lzx', centerId: 'center-lzx' }

const noShow = (actor: StaffUser, over: Partial<Mutation> = {}): Mutation => ({
  id: '0193a6f0-0000-7000-8000-0000000000aa', deviceId: 'device-a', actorId: actor.id, entity: 'appointment', entityId: booked.id,
  op: 'appointment.noShow', baseVersion: 1, payload: {}, clientTime: '2026-11-28T01:40:00.000Z', ...over,
})

// [what, actor, appointment, now, mutation changes, expected: 'ok' or [code, reason]]
type Row = [string, StaffUser, Appointment | undefined, string, Partial<Mutation>, 'ok' | [string, string]]
const TABLE: Row[] = [
  ['clerk, after the slot', CLERK, booked, '2026-11-28T09:40+08:00', {}, 'ok'],
  ['outreach, after the slot', OUTREACH, booked, '2026-11-28T09:40+08:00', {}, 'ok'],
  ['supervisor, exactly at the slot\'s end', SUPERVISOR, booked, '2026-11-28T09:30+08:00', {}, 'ok'],
  ['one second before the slot ends', CLERK, booked, '2026-11-28T09:29:59+08:00', {}, ['ILLEGAL_TRANSITION', 'reject.slotNotEnded']],
  ['slot of tomorrow', CLERK, { ...booked, date: '2026-11-29' }, '2026-11-28T23:00+08:00', {}, ['ILLEGAL_TRANSITION', 'reject.slotNotEnded']],
  // 01:35 UTC is 09:35 in the centre (ended) but 20:35 the evening before in New York.
  ['the centre\'s clock, not the process zone\'s', CLERK, booked, '2026-11-28T01:35:00Z', {}, 'ok'],
  ['admin is not desk staff', ADMIN, booked, '2026-11-28T09:40+08:00', {}, ['FORBIDDEN', 'reject.role']],
  ['another centre\'s appointment', OTHER, booked, '2026-11-28T09:40+08:00', {}, ['FORBIDDEN', 'reject.appointmentOtherCenter']],
  ['not found', CLERK, undefined, '2026-11-28T09:40+08:00', {}, ['NOT_FOUND', 'reject.appointmentNotFound']],
  ['already checked in', CLERK, { ...booked, status: 'checked_in', caseId: 'c1' }, '2026-11-28T09:40+08:00', {}, ['ILLEGAL_TRANSITION', 'reject.appointmentNotBooked']],
  ['cancelled by the citizen', CLERK, { ...booked, status: 'cancelled' }, '2026-11-28T09:40+08:00', {}, ['ILLEGAL_TRANSITION', 'reject.appointmentNotBooked']],
  ['marked twice', CLERK, { ...booked, status: 'no_show' }, '2026-11-28T09:40+08:00', {}, ['ILLEGAL_TRANSITION', 'reject.appointmentNotBooked']],
  ['a payload', CLERK, booked, '2026-11-28T09:40+08:00', { payload: { note: 'x' } }, ['INVALID', 'reject.invalidPayload']],
  ['on a case entity', CLERK, booked, '2026-11-28T09:40+08:00', { entity: 'case' }, ['INVALID', 'reject.invalidPayload']],
  ['made by someone else', CLERK, booked, '2026-11-28T09:40+08:00', { actorId: 'user-other' }, ['FORBIDDEN', 'reject.actorMismatch']],
]

describe.each(['Asia/Shanghai', 'America/New_York'])('appointment rules with the process in %s', (zone) => {
  const original = process.env.TZ
  let d: typeof Domain
  beforeAll(async () => {
    process.env.TZ = zone
    vi.resetModules()
    d = await import('../../src/domain')
  })
  afterAll(() => { process.env.TZ = original })

  it.each(TABLE)('no-show: %s', (_what, actor, appointment, now, over, expected) => {
    const outcome = d.decideNoShow(appointment, noShow(actor, over), { actor, now: new Date(now) })
    if (expected === 'ok') expect(outcome).toEqual({ ok: true, next: { ...booked, status: 'no_show', updatedAt: new Date(now).toISOString() } })
    else expect(outcome).toEqual({ ok: false, code: expected[0], reason: expected[1] })
  })

  it('says when a slot has ended by the centre clock', () => {
    expect(d.slotEnd(booked).toISOString()).toBe('2026-11-28T01:30:00.000Z')
    expect(d.slotEnded(booked, new Date('2026-11-28T01:29:59Z'))).toBe(false)
    expect(d.slotEnded(booked, new Date('2026-11-28T01:30:00Z'))).toBe(true)
  })
})

describe('check-in (到号)', () => {
  let d: typeof Domain
  beforeAll(async () => { d = await import('../../src/domain') })
  const now = new Date('2026-11-28T01:05:00Z')

  it.each([
    ['booked', 'checked_in'], ['no_show', 'checked_in'],
  ] as const)('links a %s appointment to the case', (status, to) => {
    expect(d.checkInAppointment({ ...booked, status }, 'case-1', { actor: CLERK, now }))
      .toEqual({ ok: true, next: { ...booked, status: to, caseId: 'case-1', updatedAt: now.toISOString() } })
  })

  it.each(['checked_in', 'cancelled'] as const)('leaves a %s appointment as it is and still lets the case in', (status) => {
    expect(d.checkInAppointment({ ...booked, status, caseId: 'case-0' }, 'case-1', { actor: CLERK, now })).toEqual({ ok: true, next: null })
  })

  it('refuses an appointment that is not there or of another centre', () => {
    expect(d.checkInAppointment(undefined, 'case-1', { actor: CLERK, now })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(d.checkInAppointment(booked, 'case-1', { actor: OTHER, now })).toMatchObject({ ok: false, code: 'FORBIDDEN', reason: 'reject.appointmentOtherCenter' })
  })

  it('validates the appointment id an intake carries', () => {
    const intake = { applicantType: 'person', applicantName: '周丽', idNumber: booked.idNumber, contactName: '', phone: booked.mobile,
      serviceItemId: 'item-credit', materials: [], channel: 'appointment', windowNo: '', notes: '' }
    expect(d.validateIntake({ ...intake, appointmentId: booked.id })).toMatchObject({ ok: true, value: { appointmentId: booked.id } })
    expect(d.validateIntake({ ...intake, appointmentId: 'K7Q2XM4P' })).toEqual({ ok: false, errors: { appointmentId: 'invalid' } })
    expect(d.validateIntake(intake).ok).toBe(true)
  })
})
