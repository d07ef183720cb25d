import type { ShiftDeskDB } from './database'
import { DATA_SCOPE, readDataScope } from './data-scope'
import { PULLED_UP_TO, writeMeta } from './meta'

/**
 * A shared tablet holds one scope's citizens' data at a time (a centre's, or every centre's for an
 * administrator): `dataScope` in meta names it, null when the device holds none. The pull cursor
 * belongs to that scope and goes with its data, so the next scope pulls its own cases from the start.
 */
export const PULL_CURSOR = 'pullCursor'
/** Intake drafts are kept per staff member under this prefix (use-intake-draft.ts). */
export const INTAKE_DRAFT_PREFIX = 'intakeDraft:'

/** Every table a change of scope writes. */
export const scopeTables = (db: ShiftDeskDB) =>
  [db.cases, db.caseBases, db.appointments, db.caseCounts, db.outbox, db.serviceItems, db.meta]

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
