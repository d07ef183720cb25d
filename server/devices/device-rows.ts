import { randomBytes } from 'node:crypto'
import type { WriteTx } from '../store/store'

/**
 * The devices staff sign in on. A device is known from its first sign-in; each sign-in renews its
 * last contact and last user. Its data key is made once and never changes, so what the device
 * encrypted under it stays readable for as long as the device is trusted.
 */
export interface DeviceRow {
  id: string
  dataKey: string
  revokedAt: string | null
}

/** The device's row, created at its first sign-in, with the sign-in recorded as its last contact. */
export async function signInOnDevice(tx: WriteTx, deviceId: string, userId: string, now = new Date()): Promise<DeviceRow> {
  const at = now.toISOString()
  await tx.insertInto('devices')
    .values({ id: deviceId, data_key: randomBytes(32).toString('base64url'), first_seen: at, last_seen: at, last_user_id: userId })
    .onConflict(oc => oc.column('id').doUpdateSet({ last_seen: at, last_user_id: userId }))
    .execute()
  const row = await tx.selectFrom('devices').select(['id', 'data_key', 'revoked_at']).where('id', '=', deviceId).executeTakeFirstOrThrow()
  return { id: row.id, dataKey: row.data_key, revokedAt: row.revoked_at }
}
