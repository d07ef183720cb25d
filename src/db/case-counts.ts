import type {
  DBCore, DBCoreKeyRange, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware,
} from 'dexie'

/** Cases per status, kept in step with `cases` so the filter chips never count 100,000 rows. */
export interface CaseCountRow { status: string, count: number }

const CASES = 'cases'
const COUNTS = 'caseCounts'
/** DBCoreRangeType.Any and .Range: a const enum, which isolated modules cannot import. */
const EVERY_KEY = { type: 3, lower: undefined, upper: undefined } as unknown as DBCoreKeyRange
const between = (lower: string, upper: string) => ({ type: 2, lower, upper, lowerOpen: false, upperOpen: false }) as unknown as DBCoreKeyRange
/** From this many cases on, a read of their id range replaces a lookup per case. */
const RANGE_READ_MIN = 16

type Status = string | null
/** A case leaving one status (null: it did not exist) for another (null: it is gone). */
type Move = [from: Status, to: Status]

/** What one write transaction knows about the cases it touched, and its counters once read. */
interface TxState {
  /** Stored status of a case as this transaction last read or wrote it; null when there is none. */
  statuses: Map<string, Status>
  counts?: Promise<Map<string, number>>
  /** The counters once `counts` has resolved, for writes that can move them at once. */
  loaded?: Map<string, number>
}
const txStates = new WeakMap<DBCoreTransaction, TxState>()

/** IndexedDB's mode, from the transaction Dexie hands down (an IDBTransaction). */
const writes = (trans: DBCoreTransaction) => (trans as unknown as { mode?: string }).mode !== 'readonly'

function stateOf(trans: DBCoreTransaction): TxState {
  let state = txStates.get(trans)
  if (!state) txStates.set(trans, state = { statuses: new Map() })
  return state
}

/** How the counters change with these moves: status → delta, leaving out what cancels out. */
function deltaOf(moves: readonly Move[], sign = 1): [string, number][] {
  const delta = new Map<string, number>()
  for (const [from, to] of moves) {
    if (from === to) continue
    if (from !== null) delta.set(from, (delta.get(from) ?? 0) - sign)
    if (to !== null) delta.set(to, (delta.get(to) ?? 0) + sign)
  }
  return [...delta].filter(([, n]) => n !== 0)
}

/**
 * Every write to `cases`, whichever code makes it (take-in, a change, rebase, push answers, pull,
 * discard, bench seeding), goes through here and moves the counters in the same transaction: a
 * write transaction on `cases` always includes `caseCounts`, so both commit or neither does.
 *
 * The moves need the status each written case had. Reads of cases in a write transaction are
 * remembered, and the counters are read alongside the first of them, so an intake (which reads
 * its case first) or a pull page (which reads the cases it holds) writes the counters right
 * behind the case, without another round trip. A few statuses not seen yet are read in the same
 * tick as the write is issued, so IndexedDB runs both in the caller's order; many (a pushed
 * batch) are read first, by id range (readMany), then written.
 */
function countingCases(down: DBCore, cases: DBCoreTable): Partial<DBCoreTable> {
  const counts = down.table(COUNTS)
  const extractKey = cases.schema.primaryKey.extractKey!

  function countsIn(trans: DBCoreTransaction, state: TxState) {
    state.counts ??= counts.query({ trans, query: { index: counts.schema.primaryKey, range: EVERY_KEY }, values: true })
      .then(({ result }) => (state.loaded = new Map((result as CaseCountRow[]).map(row => [row.status, row.count]))))
    state.counts.catch(() => {}) // a failed read fails the write that needs it
    return state.counts
  }

  /** Applies `moves` to loaded counters and writes the counters they changed. */
  function write(trans: DBCoreTransaction, current: Map<string, number>, moves: readonly Move[], sign = 1) {
    const changed = deltaOf(moves, sign)
    if (!changed.length) return Promise.resolve()
    for (const [status, n] of changed) current.set(status, (current.get(status) ?? 0) + n)
    return counts.mutate({ type: 'put', trans, values: changed.map(([status]) => ({ status, count: current.get(status)! })) })
      .then((result) => { if (result.numFailures) throw Object.values(result.failures)[0] })
  }

  /**
   * The stored rows of many cases, in a few requests: case ids are time-ordered (UUIDv7), so the
   * cases a write touches together (a pulled page, a pushed batch, a seeded chunk) mostly sit
   * side by side. The ids stored between the least and the greatest are listed first (keys only);
   * none of ours there (a first sync) costs nothing more, else their rows come in one range read,
   * or one lookup each when the range is mostly other cases. A range holding many more cases than
   * asked for falls back to a lookup per case (~75 µs each in Chromium on this machine).
   */
  async function readMany(trans: DBCoreTransaction, keys: readonly string[]): Promise<unknown[]> {
    const unique = [...new Set(keys)].sort()
    if (unique.length < RANGE_READ_MIN || unique.some(key => typeof key !== 'string')) return cases.getMany({ trans, keys: [...keys] })
    const query = { index: cases.schema.primaryKey, range: between(unique[0]!, unique.at(-1)!) }
    const limit = 2 * unique.length + RANGE_READ_MIN
    const listed = (await cases.query({ trans, query, values: false, limit })).result as string[]
    if (listed.length >= limit) return cases.getMany({ trans, keys: [...keys] })
    const wanted = new Set(unique)
    const ours = listed.filter(id => wanted.has(id))
    const rows = !ours.length
      ? []
      : listed.length <= 2 * ours.length
        ? (await cases.query({ trans, query, values: true })).result
        : await cases.getMany({ trans, keys: ours })
    const byId = new Map((rows as ({ id: string } | undefined)[]).filter(row => !!row).map(row => [extractKey(row) as string, row]))
    return keys.map(key => byId.get(key))
  }

  /** Reads of cases in a write transaction: remembers the statuses, and starts reading the counters. */
  function remember(trans: DBCoreTransaction, keys: readonly string[], rows: readonly ({ status?: string } | undefined)[]) {
    const { statuses } = stateOf(trans)
    keys.forEach((key, i) => { if (!statuses.has(key)) statuses.set(key, rows[i]?.status ?? null) })
  }
  function reading<T>(trans: DBCoreTransaction, read: () => Promise<T>, done: (result: T) => void): Promise<T> {
    if (!writes(trans)) return read()
    countsIn(trans, stateOf(trans)) // issued first, so it is back before the case
    return read().then((result) => { done(result); return result })
  }

  async function deleteRange(req: Extract<DBCoreMutateRequest, { type: 'deleteRange' }>): Promise<DBCoreMutateResponse> {
    const state = stateOf(req.trans)
    if (req.range.type === EVERY_KEY.type) {
      // A clear: every counter goes with the cases, and nothing is stored any more.
      const done = cases.mutate(req)
      state.statuses.clear()
      state.counts = Promise.resolve(state.loaded = new Map())
      await counts.mutate({ type: 'deleteRange', trans: req.trans, range: EVERY_KEY })
      return done
    }
    // Rare (a range): read what goes, then delete it, both issued now so nothing runs in between.
    const gone = cases.query({ trans: req.trans, query: { index: cases.schema.primaryKey, range: req.range }, values: true })
    const done = cases.mutate(req)
    const rows = (await gone).result as { id: string, status: string }[]
    const result = await done
    for (const row of rows) state.statuses.set(row.id, null)
    await write(req.trans, await countsIn(req.trans, state), rows.map(row => [row.status, null]))
    return result
  }

  async function mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
    if (req.type === 'deleteRange') return deleteRange(req)
    const { trans } = req
    const state = stateOf(trans)
    const keys: string[] = req.type === 'delete' ? req.keys : req.keys ?? req.values.map(extractKey)
    const next: Status[] = req.type === 'delete' ? keys.map(() => null) : req.values.map(v => (v as { status: string }).status)
    // An add succeeds only where nothing is stored: it needs no read.
    const before = keys.map(key => (req.type === 'add' ? null : state.statuses.get(key)))
    let unknown = [...new Set(keys.filter((_, i) => before[i] === undefined))]
    if (unknown.length >= RANGE_READ_MIN) {
      // Many statuses unknown: read them first, in a few requests, and write after. (Like
      // Dexie's own hooks, which also read before they write, a request the caller issues on
      // `cases` without awaiting this write may run before it; this code awaits each one.)
      countsIn(trans, state)
      const rows = await readMany(trans, unknown) as ({ status?: string } | undefined)[]
      const read = new Map(unknown.map((key, i) => [key, rows[i]?.status ?? null]))
      keys.forEach((key, i) => { if (before[i] === undefined) before[i] = read.get(key)! })
      unknown = []
    }
    const stored = unknown.length ? cases.getMany({ trans, keys: unknown }) : undefined
    const done = cases.mutate(req)
    keys.forEach((key, i) => state.statuses.set(key, next[i]!))

    /** The moves of the request's writes, in order (a key written twice moves the counters once); `from` may still be unknown. */
    const movesOf = (ok: (i: number) => boolean, read = new Map<string, Status>()) => {
      const now = new Map<string, Status>()
      const moves: Move[] = []
      keys.forEach((key, i) => {
        if (!ok(i)) return
        const from = now.has(key) ? now.get(key)! : before[i] !== undefined ? before[i]! : read.get(key)!
        now.set(key, next[i]!)
        moves.push([from, next[i]!])
      })
      return moves
    }
    // Everything known (the usual case): the counters are written right behind the cases, in
    // the same queue, and put back if some write fails.
    const early = !stored && state.loaded ? movesOf(() => true) : null
    const movedEarly = early ? write(trans, state.loaded!, early) : null
    movedEarly?.catch(() => {}) // awaited below, unless the case write fails first
    if (!early) countsIn(trans, state) // read alongside the write, not after it

    let rows: unknown[] | undefined
    let result: DBCoreMutateResponse
    try { [rows, result] = await Promise.all([stored, done]) }
    catch (error) {
      for (const key of keys) state.statuses.delete(key)
      if (early) await write(trans, state.loaded!, early, -1).catch(() => {})
      throw error
    }
    const failed = (i: number) => !!result.failures[i]
    for (const [i, key] of keys.entries()) if (failed(i)) state.statuses.delete(key) // it kept what it had
    if (early) {
      await movedEarly
      if (result.numFailures) await write(trans, state.loaded!, early, -1).then(() => write(trans, state.loaded!, movesOf(i => !failed(i))))
      return result
    }
    const read = new Map(unknown.map((key, i) => [key, (rows?.[i] as { status?: string } | undefined)?.status ?? null]))
    await write(trans, await countsIn(trans, state), movesOf(i => !failed(i), read))
    return result
  }

  return {
    mutate,
    get: req => reading(req.trans, () => cases.get(req), row => remember(req.trans, [req.key], [row])),
    // Only in write transactions: a live query's read of a range would also watch the cases between.
    getMany: req => reading(req.trans, () => (req.cache || !writes(req.trans) ? cases.getMany(req) : readMany(req.trans, req.keys)),
      rows => remember(req.trans, req.keys, rows)),
  }
}

export const caseCountsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'CaseCounts',
  // Before the v3 upgrade made the counters this passes everything through; the upgrade counts.
  create: down => (!down.schema.tables.some(table => table.name === COUNTS) ? down : {
    ...down,
    transaction: (stores, mode, options) => down.transaction(
      mode === 'readwrite' && stores.includes(CASES) && !stores.includes(COUNTS) ? [...stores, COUNTS] : stores, mode, options),
    table: (name) => {
      const table = down.table(name)
      return name === CASES ? { ...table, ...countingCases(down, table) } : table
    },
  }),
}
