import type { DeviceSession, ShiftDeskDB } from '../db/database'
import { readDataScope, readMeta } from '../db/meta'
import { dataScopeOf } from '../domain'

/**
 * The session to pull with: the current user's if usable, else any usable one — of the scope whose
 * data the device holds (a colleague of another centre who only locked the tablet pulls nothing here).
 */
export async function pullSession(db: ShiftDeskDB, usable: Map<string, DeviceSession>): Promise<DeviceSession | undefined> {
  const [current, held] = await Promise.all([readMeta<string | null>(db, 'currentUserId', null), readDataScope(db)])
  const fits = (s: DeviceSession | undefined) => s && (held === null || dataScopeOf(s.user) === held) ? s : undefined
  return fits(current ? usable.get(current) : undefined) ?? [...usable.values()].find(s => fits(s))
}
