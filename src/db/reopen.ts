import type { ShiftDeskDB } from './database'
import { isConnectionLost } from './storage-errors'

/**
 * Runs a write; if the connection to the database was lost under it (WebKit does this, e.g. after
 * the tablet slept), reopens the database and runs the write once more. The write is one
 * transaction, so a failed attempt left nothing behind to double.
 */
export async function withReopen<T>(db: ShiftDeskDB, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  }
  catch (error) {
    if (!isConnectionLost(error)) throw error
    db.close({ disableAutoOpen: false })
    await db.open()
    return write()
  }
}
