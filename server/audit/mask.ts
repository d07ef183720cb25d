import { maskIdNumber, maskPhone } from '../../src/domain/masking'
import type { FieldChange } from '../../src/domain/audit'

/** Values shown masked outside the case detail (src/domain/masking.ts): ID numbers and phones. */
const MASKS: Record<string, (value: string) => string> = { idNumber: maskIdNumber, phone: maskPhone }

const masked = (mask: (value: string) => string, value: unknown) => typeof value === 'string' ? mask(value) : value

/** A copy of an entry's changes with ID numbers and phones masked, before and after. */
export function maskChanges(changes: Record<string, FieldChange>): Record<string, FieldChange> {
  return Object.fromEntries(Object.entries(changes).map(([field, change]) => {
    const mask = MASKS[field]
    if (!mask) return [field, change]
    return [field, { ...('before' in change ? { before: masked(mask, change.before) } : {}), after: masked(mask, change.after) }]
  }))
}
