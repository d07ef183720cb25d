import type { FastifyRequest } from 'fastify'
import { MAX_BATCH, type PushResponse } from '../../src/domain/protocol'
import type { Handlers } from '../http/api'
import { badRequest, forbidden, tooLarge } from '../http/errors'
import { currentSeq } from '../store/sequence'
import type { Store } from '../store/store'
import { type PushOutcome, applyBatch } from './apply-batch'
import { decodeCursor, encodeCursor } from './cursor'
import { changesAfter } from './pull-changes'
import type { ServiceItemCache } from './service-items'

/**
 * A batch of more than MAX_BATCH changes is refused as too large (413) before its schema runs, so
 * the device knows to send smaller batches rather than fix a change.
 */
async function refuseOversizedBatch(request: FastifyRequest): Promise<void> {
  const list = (request.body as { mutations?: unknown } | null)?.mutations
  if (Array.isArray(list) && list.length > MAX_BATCH) {
    throw tooLarge(`A batch may hold at most ${MAX_BATCH} mutations; this one has ${list.length}`)
  }
}

/**
 * The answer with the batch's changed cases (`?echo=1`), written as text: each case's `data` is its
 * stored JSON, spliced in rather than parsed and serialized again.
 */
function echoBody(outcome: PushOutcome): string {
  const changes = outcome.cases.map(c => `{"entity":"case","id":${JSON.stringify(c.id)},"version":${c.version},"data":${c.data}}`)
  const cursor = outcome.pullCursorSeq === undefined ? '' : `,"cursor":${JSON.stringify(encodeCursor(outcome.pullCursorSeq))}`
  return `{"results":${JSON.stringify(outcome.results)},"changes":[${changes.join(',')}]${cursor}}`
}

/**
 * POST /api/sync/push — applies a batch in one transaction and answers one result per mutation.
 * `?echo=1` adds the cases the batch changed, as stored, and with `&cursor=<the device's pull
 * cursor>` the cursor the device may pull from next when nothing else it may see changed after
 * its cursor: it then does not pull its own changes back.
 * GET /api/sync/pull?cursor=&limit= — the changes the user may see after the cursor, in seq order.
 */
export function syncHandlers(store: Store, catalogue: ServiceItemCache, auditKey: Buffer): Pick<Handlers, 'health' | 'push' | 'pull'> {
  return {
    health: async () => ({ ok: true, time: new Date().toISOString() }),

    push: {
      preValidation: refuseOversizedBatch,
      async handle({ query, body }, { user, session, request, reply }) {
        // The device's clock error, measured at arrival; network time makes it a few ms too small.
        const clockSkewMs = body.sentAt === undefined ? undefined : Date.parse(body.sentAt) - Date.now()
        // The session is bound to the device it signed in on: field stamps and the audit name the
        // device, so a batch under another device's id could skip conflict detection (issue #12).
        if (body.deviceId !== session.deviceId) {
          throw forbidden(`deviceId: this session signed in on device ${JSON.stringify(session.deviceId)}; a push may only carry that device's changes`)
        }
        const echo = query.echo === '1'
        // A cursor this server did not make (or none) only means no cursor comes back.
        const pulledUpTo = echo && query.cursor !== undefined ? decodeCursor(query.cursor) ?? undefined : undefined
        const outcome = await applyBatch(store, catalogue, auditKey, user, body.mutations, { pulledUpTo, clockSkewMs })
        const { results } = outcome
        // Counts only: mutations carry personal data (ID numbers, phones) that never goes to the log.
        const counts: Record<string, number> = {}
        for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1
        request.log.info({ mutations: results.length, ...counts }, 'push')
        if (echo) return reply.type('application/json; charset=utf-8').send(echoBody(outcome))
        return { results } satisfies PushResponse
      },
    },

    async pull({ query }, { user }) {
      const seq = decodeCursor(query.cursor)
      if (seq === null) throw badRequest('cursor: not a cursor returned by this server; omit it to pull from the beginning')
      const page = await store.read(async (tx) => {
        // A cursor past the last change comes from a database since replaced (e.g. a re-seeded demo).
        if (seq > await currentSeq(tx)) return null
        return changesAfter(tx, user, seq, query.limit)
      })
      if (!page) throw badRequest('cursor: ahead of this server\'s changes (was its database replaced?); pull from the beginning')
      return { changes: page.changes, cursor: page.changes.length ? encodeCursor(page.lastSeq) : query.cursor, hasMore: page.hasMore }
    },
  }
}
