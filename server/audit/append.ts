import type SQLite from 'better-sqlite3'
import { insertRows, prepared } from '../db/statements'
import { type AuditEntry, type AuditRow, entryHash } from './entry'

/**
 * The head of the chain (seq and hash of the last entry), kept in `meta` and written in the same
 * transaction as the entries. New entries chain from it, and verifying compares the chain's end
 * with it, so entries removed from the end are noticed too.
 */
export const AUDIT_HEAD_KEY = 'audit_head'
export interface AuditHead { seq: number, hash: string }

export const AUDIT_COLUMNS = [
  'seq', 'mutation_id', 'case_id', 'center_id', 'actor_id', 'actor_name', 'device_id',
  'server_time', 'client_time', 'op', 'action', 'changes', 'prev_hash', 'hash',
] as const satisfies readonly (keyof AuditRow)[]

export function parseHead(value: string | undefined): AuditHead | null {
  try {
    const head = JSON.parse(value ?? '') as Partial<AuditHead>
    return Number.isSafeInteger(head.seq) && typeof head.hash === 'string' ? head as AuditHead : null
  }
  catch { return null }
}

function readHead(sqlite: SQLite.Database): AuditHead {
  const row = prepared(sqlite, 'select value from meta where key = ?').get(AUDIT_HEAD_KEY) as { value: string } | undefined
  const head = parseHead(row?.value)
  if (!head) throw new Error('meta.audit_head is missing or corrupt; run npm run audit:verify')
  return head
}

/**
 * Appends a batch's entries (seq ascending, after the head) to the chain, inside the caller's
 * transaction: one read of the head, one multi-row insert, one write of the new head.
 */
export function appendAudit(sqlite: SQLite.Database, entries: readonly AuditEntry[]): void {
  if (entries.length === 0) return
  const head = readHead(sqlite)
  let prev = head
  const rows = entries.map(e => {
    if (e.seq <= prev.seq) throw new Error(`audit entry seq ${e.seq} is not after ${prev.seq}`)
    const row = {
      seq: e.seq, mutation_id: e.mutationId, case_id: e.caseId, center_id: e.centerId, actor_id: e.actorId, actor_name: e.actorName,
      device_id: e.deviceId, server_time: e.serverTime, client_time: e.clientTime, op: e.op, action: e.action, changes: e.changes,
    }
    const full: AuditRow = { ...row, prev_hash: prev.hash, hash: entryHash(prev.hash, row) }
    prev = { seq: e.seq, hash: full.hash }
    return AUDIT_COLUMNS.map(column => full[column])
  })
  insertRows(sqlite, 'audit_log', AUDIT_COLUMNS, rows)
  prepared(sqlite, 'update meta set value = ? where key = ?').run(JSON.stringify(prev), AUDIT_HEAD_KEY)
}
