import { newDeviceTag, newId } from '../domain'
import type { ShiftDeskDB } from './database'
import { readMeta, writeMeta } from './meta'

export interface DeviceIdentity { deviceId: string, deviceTag: string }

/** The installation's stable identity, made on first use. */
export function deviceIdentity(db: ShiftDeskDB): Promise<DeviceIdentity> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await readMeta<DeviceIdentity | null>(db, 'device', null)
    if (existing) return existing
    const identity = { deviceId: newId(), deviceTag: newDeviceTag() }
    await writeMeta(db, 'device', identity)
    return identity
  })
}
