import type { DeviceSession, ShiftDeskDB } from './database'
import { readDataScope } from './data-scope'
import { enterScope } from './scope-switch'
import { dataScopeOf } from '../domain'

/**
 * At boot (a reload, another tab): the current person goes on as they were. A device upgraded from
 * before scopes, or changed by another tab, forgets what is not theirs first. (Once citizens' data
 * is sealed under the data key, a reload, which loses the key, will ask for the PIN here.)
 */
export async function resumeSession(db: ShiftDeskDB, session: DeviceSession): Promise<void> {
  if (await readDataScope(db) !== dataScopeOf(session.user)) await enterScope(db, session.user)
}
