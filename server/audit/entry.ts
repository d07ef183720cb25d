import { createHmac, hash } from 'node:crypto'
import type { FieldChange } from '../../src/domain/audit'
import type { CaseRecord } from '../../src/domain/case'
import type { Database } from '../store/schema'

/**
 * One audit entry: an applied change as the server recorded it. `changes` is the JSON text exactly
 * as stored; the hash covers that text, so verifying never re-serializes it.
 */
export interface AuditEntry {
  seq: number
  mutationId: string
  caseId: string
  centerId: string
  actorId: string
  actorName: string
  deviceId: string
  serverTime: string
  clientTime: string
  op: string
  /** The action of a `case.transition` (start, approve, …); null for other ops. */
  action: string | null
  changes: string
}

/** The audit_log row of an entry, with its place in the chain (prev_hash, hash). */
export type AuditRow = Database['audit_log']

/** The prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64)

/**
 * The canonical serialization that is hashed: a JSON object with the columns in this fixed order,
 * every value written by JSON.stringify (one way only for strings, integers and null), except
 * `changes`, which goes in as the JSON text exactly as stored (it is the last member, so the text
 * still parses one way only).
 */
export function canonicalEntry(row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const text = JSON.stringify
  return `{"seq":${text(row.seq)},"mutation_id":${text(row.mutation_id)},"case_id":${text(row.case_id)},`
    + `"center_id":${text(row.center_id)},"actor_id":${text(row.actor_id)},"actor_name":${text(row.actor_name)},`
    + `"device_id":${text(row.device_id)},"server_time":${text(row.server_time)},"client_time":${text(row.client_time)},`
    + `"op":${text(row.op)},"action":${text(row.action)},"changes":${row.changes}}`
}

/**
 * hash = HMAC-SHA-256 (hex) under the audit key (audit-key.ts) of prev_hash followed by the
 * canonical serialization of the entry: without the key nobody can recompute it.
 */
export const entryHash = (key: Buffer, prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string =>
  createHmac('sha256', key).update(prevHash + canonicalEntry(row)).digest('hex')

/** The plain SHA-256 of entries written before the chain was keyed (below `meta.audit_keyed.from`). */
export const plainEntryHash = (prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string =>
  hash('sha256', prevHash + canonicalEntry(row), 'hex')

/** Bookkeeping that changes with every change; the entry's own columns say when and which version. */
export const NOT_AUDITED: ReadonlySet<string> = new Set(['history', 'updatedAt', 'version'])

/**
 * What a change did to a case, field by field: `{ field: { before, after } }` for each field whose
 * value differs; a create records every initial field as `{ after }`. Nothing is masked here: this
 * is the server's record (it never goes to the log; the case audit endpoint masks what it shows).
 */
export function caseChanges(before: CaseRecord | undefined, after: CaseRecord): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {}
  const was = before as unknown as Record<string, unknown> | undefined
  const now = after as unknown as Record<string, unknown>
  if (!was) {
    for (const field of Object.keys(now)) if (!NOT_AUDITED.has(field)) changes[field] = { after: now[field] ?? null }
    return changes
  }
  for (const field of new Set([...Object.keys(was), ...Object.keys(now)])) {
    if (NOT_AUDITED.has(field)) continue
    const old = was[field] ?? null
    const value = now[field] ?? null
    if (old === value) continue
    if (typeof old === 'object' || typeof value === 'object') {
      if (JSON.stringify(old) === JSON.stringify(value)) continue
    }
    changes[field] = { before: old, after: value }
  }
  return changes
}
