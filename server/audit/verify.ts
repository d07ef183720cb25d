import type { AuditHead, VerifyResult } from '../../src/domain/audit'
import type { AuditRow } from './entry'
import { GENESIS_HASH, entryHash } from './entry'
import { readHead } from './append'
import type { Store } from '../store/store'

const CHUNK = 1000

/**
 * Walks the whole chain in seq order, a chunk at a time, recomputing every hash. It reads in a
 * snapshot of its own (store.snapshot): a fixed view of the chain and its head while pushes go on
 * committing, and it yields between chunks so the server keeps answering. Memory stays at one
 * chunk whatever the number of entries.
 */
export function verifyChain(store: Store, opts: { chunk?: number } = {}): Promise<VerifyResult> {
  return store.snapshot(async (tx) => {
    const head = await readHead(tx)
    if (!head) return { ok: false, entries: 0, firstBroken: { seq: 0, reason: 'The chain\'s recorded head (meta.audit_head) is missing or corrupt' } }
    const chunk = opts.chunk ?? CHUNK
    let prev: AuditHead = { seq: 0, hash: GENESIS_HASH }
    let entries = 0
    const broken = (seq: number, reason: string): VerifyResult => ({ ok: false, entries, firstBroken: { seq, reason } })
    for (;;) {
      const rows: AuditRow[] = await tx.selectFrom('audit_log').selectAll().where('seq', '>', prev.seq).orderBy('seq').limit(chunk).execute()
      for (const row of rows) {
        entries++
        if (row.seq > head.seq) return broken(row.seq, `Entry after the chain's recorded head (seq ${head.seq}): it was added outside the server`)
        if (row.prev_hash !== prev.hash) {
          return broken(row.seq, prev.seq === 0
            ? 'prev_hash of the first entry is not the genesis hash: entries before it were removed, or it was changed'
            : `prev_hash does not match the hash of the entry before it (seq ${prev.seq}): an entry between them was removed, or one of them was changed`)
        }
        if (entryHash(row.prev_hash, row) !== row.hash) return broken(row.seq, 'hash does not match the entry\'s content: the entry was changed')
        prev = { seq: row.seq, hash: row.hash }
      }
      if (rows.length < chunk) break
      await new Promise(resolve => setImmediate(resolve))
    }
    if (prev.seq !== head.seq || prev.hash !== head.hash) {
      return broken(head.seq, prev.seq < head.seq
        ? `The chain ends at seq ${prev.seq} but its recorded head is seq ${head.seq}: entries at the end were removed`
        : `The last entry (seq ${prev.seq}) is not the chain's recorded head: it was replaced`)
    }
    return { ok: true, entries, head }
  })
}
