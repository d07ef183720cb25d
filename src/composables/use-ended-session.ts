import { db } from '../db/db'
import { readMeta } from '../db/meta'
import { useLiveQuery } from './use-live-query'

/**
 * The person last at the tablet, when the central system ended their session (account disabled):
 * the lock and sign-in pages, where the app goes when their session is gone, say so.
 */
export function useEndedSession() {
  return useLiveQuery(async () => {
    const userId = await readMeta<string | null>(db, 'currentUserId', null)
    const session = userId ? await db.sessions.get(userId) : undefined
    return session?.ended === 'accountDisabled' ? session.user.name : null
  }, null)
}
