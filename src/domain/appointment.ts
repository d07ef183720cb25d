import * as v from 'valibot'
import type { Appointment } from './appointment-record'
import type { BookingStatus } from './booking'
import type { Mutation, RejectCode } from './protocol'
import type { RefusalReason } from './refusal-reasons'
import { CASE_WORKERS, type StaffUser } from './roles'
import { centerInstant } from './service-calendar'

/**
 * What staff do with an appointment (appointment-record.ts), the rules here once, for the device
 * (shown at once, offline) and the server (which decides): check-in (到号) happens by taking in a
 * case that names the appointment; no-show (爽约) is its own change, `appointment.noShow`, allowed
 * once the slot has ended by the centre's clock.
 */

// The record is also named from here, where the server imports it.
export type { Appointment } from './appointment-record'

export type AppointmentOutcome =
  | { ok: true, next: Appointment }
  | { ok: false, code: RejectCode, reason: RefusalReason }

const deny = (code: RejectCode, reason: RefusalReason): AppointmentOutcome => ({ ok: false, code, reason })

/** Statuses from which a check-in links the appointment to the case: a no-show may still arrive late. */
export const CHECK_IN_FROM: readonly BookingStatus[] = ['booked', 'no_show']

/** When the slot ends, as an instant: the centre's wall clock, whatever zone the device runs in. */
export const slotEnd = (appointment: Pick<Appointment, 'date' | 'slotEnd'>): Date =>
  centerInstant(appointment.date, appointment.slotEnd)

export const slotEnded = (appointment: Pick<Appointment, 'date' | 'slotEnd'>, now: Date): boolean =>
  now.getTime() >= slotEnd(appointment).getTime()

/** `appointment.noShow` carries nothing: the appointment and the time say it all. */
export const NoShowPayloadSchema = v.strictObject({})

export interface AppointmentContext {
  actor: StaffUser
  /** Server time on the server, device time on the device. */
  now: Date
}

/**
 * 爽约: marks an appointment whose applicant did not come. Only desk staff of the appointment's
 * centre, only while it is booked, and only once its slot has ended.
 */
export function decideNoShow(current: Appointment | undefined, m: Mutation, ctx: AppointmentContext): AppointmentOutcome {
  const { actor, now } = ctx
  if (m.actorId !== actor.id) return deny('FORBIDDEN', 'reject.actorMismatch')
  if (!CASE_WORKERS.includes(actor.role)) return deny('FORBIDDEN', 'reject.role')
  if (m.entity !== 'appointment' || m.op !== 'appointment.noShow' || !v.is(NoShowPayloadSchema, m.payload))
    return deny('INVALID', 'reject.invalidPayload')
  if (!current) return deny('NOT_FOUND', 'reject.appointmentNotFound')
  if (current.centerId !== actor.centerId) return deny('FORBIDDEN', 'reject.appointmentOtherCenter')
  if (current.status !== 'booked') return deny('ILLEGAL_TRANSITION', 'reject.appointmentNotBooked')
  if (!slotEnded(current, now)) return deny('ILLEGAL_TRANSITION', 'reject.slotNotEnded')
  return { ok: true, next: { ...current, status: 'no_show', updatedAt: now.toISOString() } }
}

/**
 * 到号: what taking in case `caseId` from an appointment does to it. The appointment must exist and
 * be of the actor's centre (else the intake is refused). It is linked when booked or marked
 * no-show; one already checked in, or cancelled, stays as it is (`next` null) and the case is still
 * taken in: the applicant is at the window.
 */
export function checkInAppointment(
  current: Appointment | undefined, caseId: string, ctx: AppointmentContext,
): { ok: true, next: Appointment | null } | Extract<AppointmentOutcome, { ok: false }> {
  if (!current) return { ok: false, code: 'NOT_FOUND', reason: 'reject.appointmentNotFound' }
  if (current.centerId !== ctx.actor.centerId) return { ok: false, code: 'FORBIDDEN', reason: 'reject.appointmentOtherCenter' }
  if (!CHECK_IN_FROM.includes(current.status)) return { ok: true, next: null }
  return { ok: true, next: { ...current, status: 'checked_in', caseId, updatedAt: ctx.now.toISOString() } }
}
