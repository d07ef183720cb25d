import type { FastifyInstance } from 'fastify'
import { MAX_PULL, type PullResponse } from '../../src/domain/protocol'
import { authenticate } from '../auth/authenticate'
import type { DB } from '../db/database'
import { currentSeq } from '../db/seq'
import { badRequest } from '../http-errors'
import { decodeCursor, encodeCursor } from './cursor'
import { changesAfter } from './pull-changes'

const DEFAULT_LIMIT = 500

/** GET /api/sync/pull?cursor=&limit= — the changes the user may see after the cursor, in seq order. */
export function pullRoutes(db: DB) {
  return async (app: FastifyInstance) => {
    app.get('/api/sync/pull', { preHandler: authenticate(db) }, async (request, reply) => {
      const query = request.query as Record<string, unknown>
      const cursorText = query.cursor ?? ''
      const seq = typeof cursorText === 'string' ? decodeCursor(cursorText) : null
      if (seq === null) throw badRequest('cursor: not a cursor returned by this server; omit it to pull from the beginning')
      // A cursor past the last change comes from a database since replaced (e.g. a re-seeded demo).
      if (seq > await currentSeq(db)) throw badRequest('cursor: ahead of this server\'s changes (was its database replaced?); pull from the beginning')
      const limitText = query.limit ?? String(DEFAULT_LIMIT)
      const limit = typeof limitText === 'string' && /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN
      if (!(limit >= 1 && limit <= MAX_PULL)) throw badRequest(`limit: must be an integer from 1 to ${MAX_PULL}`)
      const page = await changesAfter(db, request.session!.user, seq, limit)
      const cursor = page.changes.length ? encodeCursor(page.lastSeq) : cursorText as string
      const body: PullResponse = { changes: page.changes, cursor, hasMore: page.hasMore }
      return reply.send(body)
    })
  }
}
