import type { CaseReplay, FieldChange } from '../../src/domain/audit'
import { lookup, query } from '../store/bulk'
import type { ReadTx } from '../store/store'
import { NOT_AUDITED } from './entry'

/** Ids of differing cases named in the answer; the count covers all of them. */
const SHOWN = 5

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * Why a case's stored state is not what its audit entries add up to, or null. Each entry's
 * `before` must be the value the entries before it left (an edit behind the server's back shows
 * as the next change's `before`), and the last values must be the stored ones, field by field.
 */
function replayProblem(stored: Record<string, unknown>, entries: readonly string[]): string | null {
  const state: Record<string, unknown> = {}
  for (const text of entries) {
    let changes: Record<string, FieldChange>
    try { changes = JSON.parse(text) as Record<string, FieldChange> }
    catch { return 'an audit entry is not JSON' }
    for (const [field, change] of Object.entries(changes)) {
      if ('before' in change && !same(change.before, state[field])) return `${field}: an entry's before is not what the entries before it left`
      state[field] = change.after
    }
  }
  for (const field of new Set([...Object.keys(state), ...Object.keys(stored)])) {
    if (NOT_AUDITED.has(field)) continue
    if (!same(state[field], stored[field])) return `${field}: stored value differs from its history`
  }
  return null
}

/**
 * Replays each case's audit entries (field by field, before and after) and compares the result with
 * the case as stored in `cases`, a chunk of cases at a time in id order (memory stays at one chunk).
 * Also finds cases the trail knows that `cases` no longer has. Runs in the caller's snapshot.
 */
export async function replayCases(tx: ReadTx, chunk: number): Promise<CaseReplay> {
  const differing: CaseReplay['firstDiffering'] = []
  let count = 0
  let checked = 0
  const differs = (id: string, reason: string) => {
    count++
    if (differing.length < SHOWN) differing.push({ id, reason })
  }
  let after = ''
  for (;;) {
    const cases = await query<{ id: string, data: string }>(tx, 'select id, data from cases where id > ? order by id limit ?', [after, chunk])
    if (cases.length === 0) break
    const rows = await lookup<{ case_id: string, changes: string }>(tx,
      `select a.case_id, a.changes from json_each(?) k cross join audit_log a on a.case_id = k.value
       where a.op like 'case.%' order by a.case_id, a.seq`, cases.map(c => c.id))
    const entries = new Map<string, string[]>()
    for (const row of rows) {
      let list = entries.get(row.case_id)
      if (!list) entries.set(row.case_id, list = [])
      list.push(row.changes)
    }
    for (const c of cases) {
      checked++
      let stored: Record<string, unknown>
      try { stored = JSON.parse(c.data) as Record<string, unknown> }
      catch {
        differs(c.id, 'the stored case is not JSON')
        continue
      }
      const list = entries.get(c.id)
      const problem = list ? replayProblem(stored, list) : 'the case has no audit entries'
      if (problem) differs(c.id, problem)
    }
    after = cases.at(-1)!.id
    if (cases.length < chunk) break
    await new Promise(resolve => setImmediate(resolve))
  }
  // A case with entries but no row was removed behind the server's back.
  const gone = await query<{ case_id: string }>(tx,
    'select distinct a.case_id from audit_log a where a.op like \'case.%\' and not exists (select 1 from cases c where c.id = a.case_id)')
  for (const row of gone) differs(row.case_id, 'the case has audit entries but no row in cases')
  return { checked, differing: count, firstDiffering: differing }
}
