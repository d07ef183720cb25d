import type { CaseStatus } from '../domain'
import type { ShiftDeskDB } from './database'
import { INDEX, type ListKey } from './case-list-keyset'

/**
 * Checkpoints of the case list for jumps deep into it (case-list-keyset.ts reads from them). Only
 * a jump needs them, so this loads with the first one, not with the start page.
 */
export interface Checkpoints { keys: ListKey[], done: boolean }

/**
 * The key of every `step`-th case of the list (positions 0, step, 2·step, …), so a jump deep
 * into the list starts from a checkpoint. Keys only, with IDBCursor.advance; each short read-only
 * transaction visits `perTransaction` checkpoints, so a write waits for one of them at most.
 * Yields the checkpoints found so far after each transaction.
 */
export async function* walkCheckpoints(
  db: ShiftDeskDB, status: CaseStatus | null, step: number, perTransaction = 8,
): AsyncGenerator<Checkpoints> {
  if (!db.isOpen()) await db.open()
  const idb = db.backendDB()
  const keys: ListKey[] = []
  for (;;) {
    const { found, done } = await walkChunk(idb, status, keys.at(-1) ?? null, step, perTransaction)
    keys.push(...found)
    yield { keys: [...keys], done }
    if (done) return
  }
}

function walkChunk(idb: IDBDatabase, status: CaseStatus | null, from: ListKey | null, step: number, max: number) {
  const toIdb = (receivedAt: string): IDBValidKey => (status ? [status, receivedAt] : receivedAt)
  const fromKey = from && toIdb(from.receivedAt)
  const range = status
    ? IDBKeyRange.bound([status], fromKey ?? [status, []])
    : fromKey ? IDBKeyRange.upperBound(fromKey) : null
  return new Promise<{ found: ListKey[], done: boolean }>((resolve, reject) => {
    const index = idb.transaction('cases', 'readonly').objectStore('cases').index(status ? INDEX.status : INDEX.all)
    const request = index.openKeyCursor(range, 'prev')
    const found: ListKey[] = []
    // Resuming: first stand on the last checkpoint (equal times are ordered by id), then step on.
    let seeking = !!from
    request.onerror = () => reject(request.error)
    request.onsuccess = () => {
      const cursor = request.result
      if (!cursor) return resolve({ found, done: true })
      if (seeking) {
        if (indexedDB.cmp(cursor.key, fromKey!) === 0 && (cursor.primaryKey as string) > from!.id) return cursor.continuePrimaryKey(fromKey!, from!.id)
        seeking = false
        return cursor.advance(step)
      }
      const key = cursor.key as string | [string, string]
      found.push({ receivedAt: typeof key === 'string' ? key : key[1], id: cursor.primaryKey as string })
      if (found.length >= max) return resolve({ found, done: false })
      cursor.advance(step)
    }
  })
}
