import type { DeviceAppointment } from '../db/database'
import { db } from '../db/db'
import { CHECK_IN_FROM } from '../domain'
import type { IntakeFormState } from './use-intake-form'

/**
 * 到号: the intake form filled from an appointment on this device — the applicant as booked and the
 * item — or null when the appointment is not here or cannot be checked in any more.
 */
export async function intakeFromAppointment(id: string): Promise<{ appointment: DeviceAppointment, form: Partial<IntakeFormState> } | null> {
  const appointment = await db.appointments.get(id)
  if (!appointment || !CHECK_IN_FROM.includes(appointment.status)) return null
  return {
    appointment,
    form: {
      applicantType: 'person', applicantName: appointment.name, idNumber: appointment.idNumber, phone: appointment.mobile,
      serviceItemId: appointment.itemId, materials: [], channel: 'appointment', appointmentId: appointment.id,
    },
  }
}
