import type { AuditHead, VerifyResult } from '../../src/domain/audit'
import type { AuditRow } from './entry'
import { GENESIS_HASH, entryHash, plainEntryHash } from './entry'
import { keyedFromMac, readHead, readKeyedFrom } from './append'
import type { ReadTx, Store } from '../store/store'
import { replayCases } from './replay'

const CHUNK = 1000

/**
 * Walks the whole chain in seq order, a chunk at a time, recomputing every hash: plain SHA-256
 * below the seq the chain was keyed from, HMAC under the audit key from it on. It reads in a
 * snapshot of its own (store.snapshot): a fixed view of the chain and its head while pushes go on
 * committing, and it yields between chunks so the server keeps answering. Memory stays at one
 * chunk whatever the number of entries. Then, in the same snapshot, replays every case's entries
 * against the case as stored (replay.ts).
 */
export function verifyChain(store: Store, key: Buffer, opts: { chunk?: number } = {}): Promise<VerifyResult> {
  return store.snapshot(async (tx) => {
    const chain = await walkChain(tx, key, opts.chunk ?? CHUNK)
    // The same snapshot: the cases as they stood when the chain was read.
    const cases = await replayCases(tx, opts.chunk ?? CHUNK)
    return { ...chain, ok: chain.ok && cases.differing === 0, cases }
  })
}

async function walkChain(tx: ReadTx, key: Buffer, chunk: number): Promise<VerifyResult> {
  const head = await readHead(tx)
  if (!head) return { ok: false, entries: 0, firstBroken: { seq: 0, reason: 'The chain\'s recorded head (meta.audit_head) is missing or corrupt' } }
  const keyed = await readKeyedFrom(tx)
  if (!keyed) return { ok: false, entries: 0, firstBroken: { seq: 0, reason: 'The record of where the chain is keyed (meta.audit_keyed) is missing or corrupt: it was removed, or no server of this version has opened the database yet' } }
  if (keyedFromMac(key, keyed.from, keyed.prevHash) !== keyed.mac) {
    return { ok: false, entries: 0, firstBroken: { seq: keyed.from, reason: 'meta.audit_keyed does not verify under this audit key: the key is not the one the chain was written with, or the record was changed' } }
  }
  let prev: AuditHead = { seq: 0, hash: GENESIS_HASH }
  let entries = 0
  const broken = (seq: number, reason: string): VerifyResult => ({ ok: false, entries, firstBroken: { seq, reason } })
  for (;;) {
    const rows: AuditRow[] = await tx.selectFrom('audit_log').selectAll().where('seq', '>', prev.seq).orderBy('seq').limit(chunk).execute()
    for (const row of rows) {
      entries++
      if (row.seq > head.seq) return broken(row.seq, `Entry after the chain's recorded head (seq ${head.seq}): it was added outside the server`)
      const isKeyed = row.seq >= keyed.from
      // The first keyed entry chains from the hash recorded when the chain was keyed: the plain part before it is pinned.
      if (isKeyed && prev.seq < keyed.from && prev.hash !== keyed.prevHash) {
        return broken(row.seq, 'The entries before the chain was keyed do not end with the hash recorded then: one of them was changed or removed')
      }
      if (row.prev_hash !== prev.hash) {
        return broken(row.seq, prev.seq === 0
          ? 'prev_hash of the first entry is not the genesis hash: entries before it were removed, or it was changed'
          : `prev_hash does not match the hash of the entry before it (seq ${prev.seq}): an entry between them was removed, or one of them was changed`)
      }
      const expected = isKeyed ? entryHash(key, row.prev_hash, row) : plainEntryHash(row.prev_hash, row)
      if (expected !== row.hash) return broken(row.seq, 'hash does not match the entry\'s content under the audit key: the entry was changed (or rehashed without the key)')
      prev = { seq: row.seq, hash: row.hash }
    }
    if (rows.length < chunk) break
    await new Promise(resolve => setImmediate(resolve))
  }
  if (prev.seq < keyed.from && prev.hash !== keyed.prevHash) {
    return broken(prev.seq, 'The chain does not end with the hash recorded when it was keyed: entries were changed or removed')
  }
  if (prev.seq !== head.seq || prev.hash !== head.hash) {
    return broken(head.seq, prev.seq < head.seq
      ? `The chain ends at seq ${prev.seq} but its recorded head is seq ${head.seq}: entries at the end were removed`
      : `The last entry (seq ${prev.seq}) is not the chain's recorded head: it was replaced`)
  }
  return { ok: true, entries, head }
}
