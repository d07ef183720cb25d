import { LocalRejection } from '../domain'

/** The device's own rules refused the change: the reason (an i18n key) and the field it is about. */
export function rejectionOf(error: unknown): { reason: string, field?: string } | null {
  return error instanceof LocalRejection ? { reason: error.reason, field: error.field } : null
}
