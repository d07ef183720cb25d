import type { Device } from '../../src/domain/api/device-routes'
import type { ReadTx, WriteTx } from '../store/store'

/** The devices with their last user and who revoked them, for administrators. */
function devicesQuery(tx: ReadTx) {
  return tx.selectFrom('devices as d')
    .leftJoin('users as u', 'u.id', 'd.last_user_id')
    .leftJoin('centers as c', 'c.id', 'u.center_id')
    .leftJoin('users as r', 'r.id', 'd.revoked_by')
    .select([
      'd.id', 'd.first_seen', 'd.last_seen', 'd.revoked_at', 'd.revoked_by',
      'u.id as userId', 'u.username', 'u.name', 'u.center_id as centerId', 'c.code as centerCode', 'r.name as revokedByName',
    ])
}

type Row = Awaited<ReturnType<ReturnType<typeof devicesQuery>['executeTakeFirstOrThrow']>>

const toDevice = (row: Row): Device => ({
  id: row.id, firstSeen: row.first_seen, lastSeen: row.last_seen, revokedAt: row.revoked_at,
  lastUser: row.userId ? { id: row.userId, username: row.username!, name: row.name!, centerId: row.centerId!, centerCode: row.centerCode ?? '' } : null,
  revokedBy: row.revoked_by ? { id: row.revoked_by, name: row.revokedByName ?? '' } : null,
})

export async function listDevices(tx: ReadTx, centerId?: string): Promise<Device[]> {
  let query = devicesQuery(tx).orderBy('d.last_seen', 'desc').orderBy('d.id')
  if (centerId !== undefined) query = query.where('u.center_id', '=', centerId)
  return (await query.execute()).map(toDevice)
}

export async function findDevice(tx: ReadTx, id: string): Promise<Device | undefined> {
  const row = await devicesQuery(tx).where('d.id', '=', id).executeTakeFirst()
  return row && toDevice(row)
}

/** Revokes a device once: a second revoke keeps the first time and who did it. */
export async function revokeDevice(tx: WriteTx, id: string, by: string, now = new Date()): Promise<void> {
  await tx.updateTable('devices').set({ revoked_at: now.toISOString(), revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).execute()
}
