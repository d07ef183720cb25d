import { createHmac } from 'node:crypto'
import type { AuditHead } from '../../src/domain/audit'
import { AuditKeyError } from './audit-key'
import { insertRows } from '../store/bulk'
import type { ReadTx, WriteTx } from '../store/store'
import { type AuditEntry, type AuditRow, entryHash } from './entry'

/**
 * The head of the chain (seq and hash of the last entry), kept in `meta` and written in the same
 * transaction as the entries. New entries chain from it, and verifying compares the chain's end
 * with it, so entries removed from the end are noticed too.
 */
export const AUDIT_HEAD_KEY = 'audit_head'

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

/**
 * Where the chain became keyed: entries from seq `from` are HMACs under the audit key, the ones
 * before (databases from before the key) plain SHA-256. `prevHash` is the hash the first keyed
 * entry chains from, so the plain part is pinned by the keyed one. `mac` proves both were written
 * by the key's holder: moving `from` past the head to pass off a recomputed plain chain fails.
 */
export const AUDIT_KEYED_KEY = 'audit_keyed'
export interface KeyedFrom { from: number, prevHash: string, mac: string }

export const keyedFromMac = (key: Buffer, from: number, prevHash: string) =>
  createHmac('sha256', key).update(`shiftdesk-audit-keyed-from:${from}:${prevHash}`).digest('hex')

export async function readKeyedFrom(tx: ReadTx): Promise<KeyedFrom | null> {
  const row = await tx.selectFrom('meta').select('value').where('key', '=', AUDIT_KEYED_KEY).executeTakeFirst()
  try {
    const marker = JSON.parse(row?.value ?? '') as Partial<KeyedFrom>
    return Number.isSafeInteger(marker.from) && typeof marker.prevHash === 'string' && typeof marker.mac === 'string' ? marker as KeyedFrom : null
  }
  catch { return null }
}

/**
 * At start: keys the chain from its next entry if it is not keyed yet (a new database, or one from
 * before the key), and refuses a key other than the one the chain was keyed with, so a server
 * never appends entries nobody can verify.
 */
export async function keyChain(tx: WriteTx, key: Buffer): Promise<void> {
  const marker = await readKeyedFrom(tx)
  if (marker) {
    if (keyedFromMac(key, marker.from, marker.prevHash) !== marker.mac) {
      throw new AuditKeyError('The audit key (AUDIT_KEY or its file) is not the key this database\'s audit chain was written with')
    }
    return
  }
  const head = await readHead(tx)
  if (!head) throw new Error('meta.audit_head is missing or corrupt; run npm run audit:verify')
  const from = head.seq + 1
  const value: KeyedFrom = { from, prevHash: head.hash, mac: keyedFromMac(key, from, head.hash) }
  await tx.insertInto('meta').values({ key: AUDIT_KEYED_KEY, value: JSON.stringify(value) }).execute()
}

/** The chain's recorded head, or null when it is missing or corrupt. */
export async function readHead(tx: ReadTx): Promise<AuditHead | null> {
  const row = await tx.selectFrom('meta').select('value').where('key', '=', AUDIT_HEAD_KEY).executeTakeFirst()
  return parseHead(row?.value)
}

/**
 * Appends a batch's entries (seq ascending, after the head) to the chain, inside the caller's
 * transaction: one read of the head, one multi-row insert, one write of the new head. The chain
 * was keyed at start (keyChain), so every new entry is an HMAC under `key`.
 */
export async function appendAudit(tx: WriteTx, entries: readonly AuditEntry[], key: Buffer): Promise<void> {
  if (entries.length === 0) return
  const head = await readHead(tx)
  if (!head) throw new Error('meta.audit_head is missing or corrupt; run npm run audit:verify')
  let prev = head
  const rows = entries.map((e) => {
    if (e.seq <= prev.seq) throw new Error(`audit entry seq ${e.seq} is not after ${prev.seq}`)
    const row = {
      seq: e.seq, mutation_id: e.mutationId, case_id: e.caseId, center_id: e.centerId, actor_id: e.actorId, actor_name: e.actorName,
      device_id: e.deviceId, server_time: e.serverTime, client_time: e.clientTime, op: e.op, action: e.action, changes: e.changes,
    }
    const full: AuditRow = { ...row, prev_hash: prev.hash, hash: entryHash(key, prev.hash, row) }
    prev = { seq: e.seq, hash: full.hash }
    return AUDIT_COLUMNS.map(column => full[column])
  })
  await insertRows(tx, 'audit_log', AUDIT_COLUMNS, rows)
  await tx.updateTable('meta').set({ value: JSON.stringify(prev) }).where('key', '=', AUDIT_HEAD_KEY).execute()
}
