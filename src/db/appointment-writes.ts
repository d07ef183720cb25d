import {
  type Appointment, type CaseRecord, checkInAppointment, decideNoShow, LocalRejection, type Mutation, newId, type PulledChange,
  type StaffUser,
} from '../domain'
import type { DeviceAppointment, OutboxEntry, ShiftDeskDB } from './database'
import { deviceIdentity } from './device'
import { withReopen } from './reopen'

/**
 * Appointments on the device. The central system's copy is stored as pulled; a check-in or a
 * no-show made here is shown over it at once (`local`: the change's mutation id and the central
 * system's status and case from before it). A pull keeps that mark while its change is still in
 * the outbox, and drops it otherwise: by then the central system's copy says what happened.
 */

/**
 * The `local` of an appointment changed here by `mutationId`: its base stays the central system's
 * state from before the first local change.
 */
const localChange = (current: DeviceAppointment, mutationId: string): DeviceAppointment['local'] =>
  ({ mutationId, base: current.local?.base ?? { status: current.status, caseId: current.caseId, updatedAt: current.updatedAt } })

/** Stores a page's appointments, inside the pull's transaction (appointments and outbox in scope). */
export async function storePulledAppointments(db: ShiftDeskDB, changes: readonly PulledChange[]): Promise<void> {
  const latest = [...new Map(changes.filter(c => c.entity === 'appointment').map(c => [c.id, c])).values()]
  if (!latest.length) return
  const stored = await db.appointments.bulkGet(latest.map(c => c.id))
  const marks = stored.flatMap(a => (a?.local ? [a.local.mutationId] : []))
  const waiting = new Set(marks.length ? (await db.outbox.where('id').anyOf(marks).keys()) as string[] : [])
  const puts: DeviceAppointment[] = []
  const gone: string[] = []
  latest.forEach((change, i) => {
    const data = change.data as Appointment | null
    const onDevice = stored[i]
    if (!data) gone.push(change.id)
    else if (onDevice?.local && waiting.has(onDevice.local.mutationId))
      puts.push({
        ...data, status: onDevice.status, caseId: onDevice.caseId, updatedAt: onDevice.updatedAt,
        local: { ...onDevice.local, base: { status: data.status, caseId: data.caseId, updatedAt: data.updatedAt } },
      })
    else puts.push(data)
  })
  await Promise.all([db.appointments.bulkPut(puts), db.appointments.bulkDelete(gone)])
}

/** 爽约: marks a booked appointment whose slot has ended as a no-show, with its outbox change, in one transaction. */
export function markNoShow(db: ShiftDeskDB, actor: StaffUser, appointmentId: string, now = new Date()): Promise<DeviceAppointment> {
  return withReopen(db, () => db.transaction('rw', [db.appointments, db.outbox, db.meta], async () => {
    const [{ deviceId }, current] = await Promise.all([deviceIdentity(db), db.appointments.get(appointmentId)])
    const mutation: Mutation = {
      id: newId(), deviceId, actorId: actor.id, entity: 'appointment', entityId: appointmentId, op: 'appointment.noShow',
      baseVersion: current?.version ?? 0, payload: {}, clientTime: now.toISOString(),
    }
    const outcome = decideNoShow(current, mutation, { actor, now })
    if (!outcome.ok) throw new LocalRejection(outcome.code, outcome.reason)
    const next: DeviceAppointment = { ...outcome.next, local: localChange(current!, mutation.id) }
    await Promise.all([
      db.appointments.put(next),
      db.outbox.add({ id: mutation.id, entityId: appointmentId, actorId: actor.id, actor, state: 'pending', mutation }),
    ])
    return next
  }))
}

/**
 * 到号 on the device: the case just taken in from an appointment checks it in, inside the intake's
 * transaction, by the rule the central system applies to the same create.
 */
export async function checkInLocally(db: ShiftDeskDB, actor: StaffUser, record: CaseRecord, now = new Date()): Promise<void> {
  if (!record.appointmentId) return
  const current = await db.appointments.get(record.appointmentId)
  const outcome = checkInAppointment(current, record.id, { actor, now })
  if (!outcome.ok) throw new LocalRejection(outcome.code, outcome.reason, 'appointmentId')
  if (outcome.next) await db.appointments.put({ ...outcome.next, local: localChange(current!, record.history[0]!.mutationId) })
}

/** The appointment an outbox change marked, if any: a no-show names it, a check-in's create carries it. */
function markedAppointment(entry: OutboxEntry): string | null {
  const { mutation } = entry
  if (mutation.entity === 'appointment') return mutation.entityId
  const id = mutation.op === 'case.create' ? mutation.payload.appointmentId : undefined
  return typeof id === 'string' ? id : null
}

/** A discarded change no longer shows on its appointment: back to the central system's status. */
export async function revertAppointmentMark(db: ShiftDeskDB, entry: OutboxEntry): Promise<void> {
  const id = markedAppointment(entry)
  const current = id ? await db.appointments.get(id) : undefined
  if (current?.local?.mutationId !== entry.id) return
  const { local, ...server } = current
  await db.appointments.put({ ...server, ...local.base })
}
