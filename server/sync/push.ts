import type { FastifyInstance } from 'fastify'
import * as v from 'valibot'
import { MAX_BATCH, MAX_BODY_BYTES, type Mutation, MutationSchema, PushRequestSchema, type PushResponse } from '../../src/domain/protocol'
import { authenticate } from '../auth/authenticate'
import type { DB } from '../db/database'
import { badRequest, describeIssues, tooLarge } from '../http-errors'
import { type PushOutcome, applyBatch } from './apply-batch'
import { decodeCursor, encodeCursor } from './cursor'

/**
 * Checks the envelope before anything is applied: a batch with one malformed mutation is refused
 * whole (400), because applying the rest would break the order the device made them in.
 */
function parseEnvelope(body: unknown): Mutation[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('body: must be a JSON object { deviceId, mutations }')
  }
  const list = (body as { mutations?: unknown }).mutations
  if (Array.isArray(list) && list.length > MAX_BATCH) {
    throw tooLarge(`A batch may hold at most ${MAX_BATCH} mutations; this one has ${list.length}`)
  }
  const envelope = v.safeParse(PushRequestSchema, body)
  if (!envelope.success) throw badRequest(describeIssues(envelope.issues))
  return envelope.output.mutations.map((item, index) => {
    const parsed = v.safeParse(MutationSchema, item)
    if (!parsed.success) throw badRequest(describeIssues(parsed.issues, `mutations[${index}]`))
    if (parsed.output.deviceId !== envelope.output.deviceId) {
      throw badRequest(`mutations[${index}].deviceId: does not match the batch's deviceId`)
    }
    return parsed.output
  })
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
 * `?echo=1` (optional, see PushResponse) adds the cases the batch changed, as stored, and with
 * `&cursor=<the device's pull cursor>` the cursor the device may pull from next when nothing else
 * it may see changed after its cursor: it then does not pull its own changes back.
 */
export function pushRoutes(db: DB) {
  return async (app: FastifyInstance) => {
    app.post('/api/sync/push', { bodyLimit: MAX_BODY_BYTES, preHandler: authenticate(db) }, async (request, reply) => {
      const mutations = parseEnvelope(request.body)
      const query = request.query as Record<string, unknown>
      const echo = query.echo === '1'
      // A cursor this server did not make (or none) only means no cursor comes back.
      const pulledUpTo = echo && typeof query.cursor === 'string' ? decodeCursor(query.cursor) ?? undefined : undefined
      const outcome = await applyBatch(db, request.session!.user, mutations, { pulledUpTo })
      const { results } = outcome
      // Counts only: mutations carry personal data (ID numbers, phones) that never goes to the log.
      const counts: Record<string, number> = {}
      for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1
      request.log.info({ mutations: results.length, ...counts }, 'push')
      if (echo) return reply.type('application/json; charset=utf-8').send(echoBody(outcome))
      const body: PushResponse = { results }
      return reply.send(body)
    })
  }
}
