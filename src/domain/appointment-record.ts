import type { BookingStatus } from './booking'
import type { SessionKind } from './service-calendar'

/**
 * 预约 as the staff see it: a citizen's booking (made on the public page) pulled to the centre's
 * devices, whole (the clerk needs the ID number to take the case in). On its own so the wire
 * contract (protocol.ts) names it without importing the rules (appointment.ts), which import the contract.
 */
export interface Appointment {
  id: string
  /** The booking code the citizen holds. */
  code: string
  centerId: string
  itemId: string
  /** The service item's name when the change was pulled, so the list reads without the catalogue. */
  itemName: string
  /** The centre's day, YYYY-MM-DD, and the slot's wall-clock times there (HH:MM). */
  date: string
  slotStart: string
  slotEnd: string
  kind: SessionKind
  name: string
  mobile: string
  idNumber: string
  status: BookingStatus
  /** The case a check-in took the applicant in as; null until then. */
  caseId: string | null
  /** Server version: 1 when booked, one more with every change. */
  version: number
  updatedAt: string
}
