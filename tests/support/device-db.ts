import 'fake-indexeddb/auto'
import { ShiftDeskDB } from '../../src/db/database'
import { APPROVAL_ITEM, CENTER, CLERK, ITEM } from './fixtures'

let count = 0

/** A fresh device database (fake-indexeddb) with the catalogue and a clerk's session on it. */
export async function freshDeviceDb(): Promise<ShiftDeskDB> {
  const db = new ShiftDeskDB(`test-${process.pid}-${++count}`)
  await db.serviceItems.bulkPut([ITEM, APPROVAL_ITEM])
  await db.sessions.put({
    userId: CLERK.id, user: CLERK, center: CENTER, token: 'token-clerk', expiresAt: '2999-01-01T00:00:00.000Z', expired: false,
  })
  return db
}
