import type { CaseRecord } from '../../src/domain/case'
import type { Mutation } from '../../src/domain/protocol'

/**
 * Per-field change stamps of a case: which version last changed a field, and from which device.
 * They let the server tell a real conflict (someone else changed the same field since the device's
 * base version) from a harmless concurrent change to another field, which is simply merged.
 */
export type FieldVersions = Record<string, { v: number, d: string }>

/** The fields a mutation claims to change; the ones that can conflict. */
function touchedFields(m: Mutation): string[] {
  if (m.op === 'case.transition') return ['status']
  if (m.op !== 'case.update') return []
  const fields = m.payload.fields
  return fields && typeof fields === 'object' && !Array.isArray(fields) ? Object.keys(fields) : []
}

/**
 * Fields changed by another device after the mutation's base version. A device's own earlier
 * changes never conflict with its later ones (a case created and then edited offline sends
 * baseVersion 0 for both).
 */
export function conflictingFields(m: Mutation, versions: FieldVersions): string[] {
  return touchedFields(m).filter((field) => {
    const stamp = versions[field]
    return stamp !== undefined && stamp.v > m.baseVersion && stamp.d !== m.deviceId
  })
}

export function initialFieldVersions(record: CaseRecord, deviceId: string): FieldVersions {
  return Object.fromEntries(Object.keys(record).map(field => [field, { v: 1, d: deviceId }]))
}

export function stampFields(versions: FieldVersions, fields: readonly string[], version: number, deviceId: string): FieldVersions {
  const next = { ...versions }
  for (const field of fields) next[field] = { v: version, d: deviceId }
  return next
}
