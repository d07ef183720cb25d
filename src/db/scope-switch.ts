import { dataScopeOf, type StaffUser } from '../domain'
import type { OutboxEntry, ShiftDeskDB } from './database'
import { rebaseCase } from './case-rebase'
import { DATA_SCOPE, inScope, readDataScope } from './data-scope'
import { clearCitizensData, scopeTables } from './device-scope'
import { writeMeta } from './meta'

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
