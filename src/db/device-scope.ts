import { dataScopeOf, type StaffUser } from '../domain'
import type { OutboxEntry, ShiftDeskDB } from './database'
import { rebaseCase } from './case-rebase'
import { PULLED_UP_TO, readMeta, writeMeta } from './meta'

/**
 * A shared tablet holds one scope's citizens' data at a time (a centre's, or every centre's for an
 * administrator): `dataScope` in meta names it, null when the device holds none. The pull cursor
 * belongs to that scope and goes with its data, so the next scope pulls its own cases from the start.
 */
const DATA_SCOPE = 'dataScope'
export const PULL_CURSOR = 'pullCursor'
/** Intake drafts are kept per staff member under this prefix (use-intake-draft.ts). */
export const INTAKE_DRAFT_PREFIX = 'intakeDraft:'

export const readDataScope = (db: ShiftDeskDB) => readMeta<string | null>(db, DATA_SCOPE, null)

/** Every table a change of scope writes. */
export const scopeTables = (db: ShiftDeskDB) =>
  [db.cases, db.caseBases, db.appointments, db.caseCounts, db.outbox, db.serviceItems, db.meta]

/** Is this waiting change one the people of `scope` may see (and have pushed with their pull's echo)? */
export const inScope = (entry: Pick<OutboxEntry, 'actor'>, scope: string | null) => scope !== null && dataScopeOf(entry.actor) === scope

/**
 * Removes citizens' data (cases, their server copies, appointments, intake drafts) and the pull
 * position; the outbox stays. Inside a transaction over scopeTables.
 */
export async function clearCitizensData(db: ShiftDeskDB): Promise<void> {
  await Promise.all([
    db.cases.clear(), db.caseBases.clear(), db.appointments.clear(),
    db.meta.where('key').startsWith(INTAKE_DRAFT_PREFIX).delete(),
    db.meta.bulkDelete([PULL_CURSOR, PULLED_UP_TO, DATA_SCOPE]),
  ])
}

/**
 * Called when someone signs in or unlocks, before anything is shown: a device holding another
 * scope's data (or data of no known scope) forgets it first. Waiting changes of the new scope's
 * own people show again at once (cases they took in here; cases already on the central system come
 * back with the pull, rebased on them). Returns whether data was wiped.
 */
export function enterScope(db: ShiftDeskDB, user: Pick<StaffUser, 'role' | 'centerId'>): Promise<boolean> {
  const scope = dataScopeOf(user)
  return db.transaction('rw', scopeTables(db), async () => {
    if (await readDataScope(db) === scope) return false
    await clearCitizensData(db)
    await writeMeta(db, DATA_SCOPE, scope)
    const firsts = new Map<string, OutboxEntry>()
    await db.outbox.each((entry) => { if (!firsts.has(entry.entityId)) firsts.set(entry.entityId, entry) })
    for (const [id, first] of firsts)
      if (inScope(first, scope) && first.mutation.op === 'case.create') await rebaseCase(db, id, null)
    return true
  })
}

/**
 * For the sync engine, inside its transaction: may data of `scope` be stored now? A device that
 * holds nothing takes the scope of the first to pull or push; one that holds another scope's data
 * refuses (someone else signed in meanwhile).
 */
export async function holdsScope(db: ShiftDeskDB, scope: string): Promise<boolean> {
  const held = await readDataScope(db)
  if (held === null) await writeMeta(db, DATA_SCOPE, scope)
  return held === null || held === scope
}

/** The last person signed out: citizens' data leaves the device; waiting changes stay for their authors. */
export const forgetCitizensData = (db: ShiftDeskDB) => db.transaction('rw', scopeTables(db), () => clearCitizensData(db))
