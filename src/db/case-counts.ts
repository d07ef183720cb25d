import type {
  DBCore, DBCoreKeyRange, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreRangeType, DBCoreTable, DBCoreTransaction, Middleware,
} from 'dexie'
import { RANGE_READ_MIN, readByIdRange } from './read-by-id-range'

/** Cases per status, kept in step with `cases` so the filter chips never count 100,000 rows. */
export interface CaseCountRow { status: string, count: number }

const CASES = 'cases'
const COUNTS = 'caseCounts'
/** Dexie's DBCoreRangeType is a const enum, which isolated modules cannot import: its value, checked against it. */
const ANY: DBCoreRangeType.Any = 3
const EVERY_KEY: DBCoreKeyRange = { type: ANY, lower: undefined, upper: undefined }

type Status = string | null
type Row = { status?: string } | undefined
const statusOf = (row: unknown): Status => (row as Row)?.status ?? null

/** What one write transaction on `cases` knows. */
interface Known {
  /** The stored status of each case it read or wrote (null: none stored). */
  statuses: Map<string, Status>
  /** The counters, read with its first write and moved here as they are written. */
  counters?: Promise<Map<string, number>>
}
const known = new WeakMap<DBCoreTransaction, Known>()

function knownIn(trans: DBCoreTransaction): Known {
  let state = known.get(trans)
  if (!state) known.set(trans, state = { statuses: new Map() })
  return state
}

/**
 * Every write to `cases`, whichever code makes it (take-in, a change, rebase, push answers, pull,
 * discard, bench seeding), goes through here and moves the counters in the same transaction: a
 * write transaction on `cases` always includes `caseCounts`, so both commit or neither does.
 *
 * A write moves each case it wrote from the status it had to its new one, once the write has
 * answered, so only the cases written count. The statuses a write transaction read or wrote are
 * known already (an intake or a change reads its case, a pull page the cases it holds); others are
 * read just before the write, in the same tick, so IndexedDB, which runs a transaction's requests in
 * order, answers from the rows as they were. Many unknown (a pushed batch, a seeded chunk) are read
 * first, by id range, and then written: like Dexie's own hooks, which also read before they write.
 */
function countingCases(down: DBCore, cases: DBCoreTable): Partial<DBCoreTable> {
  const counts = down.table(COUNTS)
  const extractKey = cases.schema.primaryKey.extractKey!

  function countersIn(trans: DBCoreTransaction, state: Known) {
    state.counters ??= counts.query({ trans, query: { index: counts.schema.primaryKey, range: EVERY_KEY }, values: true })
      .then(({ result }) => new Map((result as CaseCountRow[]).map(row => [row.status, row.count])))
    state.counters.catch(() => {}) // a failed read fails the write that awaits it
    return state.counters
  }

  /** Moves the counters by cases going from one status (null: none) to another (null: gone). */
  async function move(trans: DBCoreTransaction, state: Known, moves: readonly [from: Status, to: Status][]) {
    const delta = new Map<string, number>()
    for (const [from, to] of moves) {
      if (from === to) continue
      if (from !== null) delta.set(from, (delta.get(from) ?? 0) - 1)
      if (to !== null) delta.set(to, (delta.get(to) ?? 0) + 1)
    }
    const changed = [...delta].filter(([, n]) => n !== 0)
    if (!changed.length) return
    const counters = await countersIn(trans, state)
    // Moved here and put in the same tick: writes in one transaction put their counters in turn.
    for (const [status, n] of changed) counters.set(status, (counters.get(status) ?? 0) + n)
    const result = await counts.mutate({ type: 'put', trans, values: changed.map(([status]) => ({ status, count: counters.get(status)! })) })
    if (result.numFailures) throw Object.values(result.failures)[0]
  }

  async function deleteRange(req: Extract<DBCoreMutateRequest, { type: 'deleteRange' }>): Promise<DBCoreMutateResponse> {
    const { trans } = req
    const state = knownIn(trans)
    countersIn(trans, state)
    // Read what goes, then delete it, both issued now so nothing runs in between.
    const gone = cases.query({ trans, query: { index: cases.schema.primaryKey, range: req.range }, values: true })
    const done = cases.mutate(req)
    const [{ result: rows }, result] = await Promise.all([gone, done])
    for (const row of rows) state.statuses.set(extractKey(row) as string, null)
    await move(trans, state, rows.map(row => [statusOf(row), null]))
    return result
  }

  async function mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
    if (req.type === 'deleteRange') return deleteRange(req)
    const { trans } = req
    const state = knownIn(trans)
    countersIn(trans, state)
    const keys: string[] = req.type === 'delete' ? req.keys : req.keys ?? req.values.map(extractKey)
    // An add succeeds only where nothing is stored: it needs no status.
    const unknown = req.type === 'add' ? [] : [...new Set(keys.filter(key => !state.statuses.has(key)))]
    const read = unknown.length >= RANGE_READ_MIN
      ? await readByIdRange(cases, trans, unknown)
      : unknown.length ? cases.getMany({ trans, keys: unknown }) : []
    let rows: unknown[]
    let result: DBCoreMutateResponse
    try { [rows, result] = await Promise.all([read, cases.mutate(req)]) }
    catch (error) {
      for (const key of keys) state.statuses.delete(key) // whatever was written, it is read again
      throw error
    }
    unknown.forEach((key, i) => state.statuses.set(key, statusOf(rows[i])))
    const moves: [Status, Status][] = []
    keys.forEach((key, i) => {
      if (result.failures[i]) return // it kept what it had
      const to = req.type === 'delete' ? null : statusOf(req.values[i])
      moves.push([req.type === 'add' ? null : state.statuses.get(key)!, to])
      state.statuses.set(key, to)
    })
    await move(trans, state, moves)
    return result
  }

  /** Reads of cases in a write transaction: their statuses are remembered for the writes after them. */
  function remember(trans: DBCoreTransaction, keys: readonly string[], rows: readonly unknown[]) {
    const state = known.get(trans)
    if (state) keys.forEach((key, i) => state.statuses.set(key, statusOf(rows[i])))
  }

  return {
    mutate,
    get: req => cases.get(req).then((row) => { remember(req.trans, [req.key], [row]); return row }),
    // Only in write transactions: a live query's read of a range would also watch the cases between.
    getMany: req => (req.cache || !known.has(req.trans) ? cases.getMany(req) : readByIdRange(cases, req.trans, req.keys))
      .then((rows) => { remember(req.trans, req.keys, rows); return rows }),
  }
}

export const caseCountsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'CaseCounts',
  // Before the v3 upgrade made the counters this passes everything through; the upgrade counts.
  create: down => (!down.schema.tables.some(table => table.name === COUNTS)
    ? down
    : {
        ...down,
        transaction: (stores, mode, options) => {
          const writesCases = mode === 'readwrite' && stores.includes(CASES)
          const trans = down.transaction(writesCases && !stores.includes(COUNTS) ? [...stores, COUNTS] : stores, mode, options)
          if (writesCases) known.set(trans, { statuses: new Map() })
          return trans
        },
        table: (name) => {
          const table = down.table(name)
          return name === CASES ? { ...table, ...countingCases(down, table) } : table
        },
      }),
}
