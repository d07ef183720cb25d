import { isQuotaError } from '../db/storage-errors'
import { LocalRejection } from '../domain'

/**
 * Why a change could not be saved, when a person can act on it: the device's own rules refused
 * it (the reason, an i18n key, and the field), or the device's storage is full.
 */
export function rejectionOf(error: unknown): { reason: string, field?: string } | null {
  if (error instanceof LocalRejection) return { reason: error.reason, field: error.field }
  if (isQuotaError(error)) return { reason: 'storage.full' }
  return null
}
