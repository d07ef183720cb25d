import type { FastifyInstance } from 'fastify'
import { authenticate } from '../auth/authenticate'
import type { DB } from '../db/database'
import { forbidden, notFound } from '../http-errors'
import type { FieldChange } from './entry'
import { maskChanges } from './mask'
import { verifyChain } from './verify'

/** One entry of a case's audit trail as the API shows it (ID numbers and phones masked). */
export interface CaseAuditEntry {
  seq: number
  mutationId: string
  op: string
  action: string | null
  actorId: string
  actorName: string
  deviceId: string
  serverTime: string
  /** The device's clock when the change was made (recorded, never trusted). */
  clientTime: string
  /** null only when the stored text is no longer JSON (tampered with: npm run audit:verify says where). */
  changes: Record<string, FieldChange> | null
}

function shownChanges(text: string): Record<string, FieldChange> | null {
  try { return maskChanges(JSON.parse(text) as Record<string, FieldChange>) }
  catch { return null }
}

/**
 * GET /api/audit/verify — administrators only: walks the whole hash chain.
 * GET /api/cases/:id/audit — a case's entries, for staff of its centre and administrators.
 */
export function auditRoutes(db: DB) {
  return async (app: FastifyInstance) => {
    app.get('/api/audit/verify', { preHandler: authenticate(db) }, async (request, reply) => {
      if (request.session!.user.role !== 'admin') throw forbidden('Only an administrator may verify the audit trail')
      return reply.send(await verifyChain(db))
    })

    app.get('/api/cases/:id/audit', { preHandler: authenticate(db) }, async (request, reply) => {
      const { id } = request.params as { id: string }
      const user = request.session!.user
      const found = await db.selectFrom('cases').select('center_id').where('id', '=', id).executeTakeFirst()
      if (!found) throw notFound('No case with this id')
      if (user.role !== 'admin' && found.center_id !== user.centerId) throw forbidden('The case belongs to another service centre')
      const rows = await db.selectFrom('audit_log')
        .select(['seq', 'mutation_id', 'op', 'action', 'actor_id', 'actor_name', 'device_id', 'server_time', 'client_time', 'changes'])
        .where('case_id', '=', id).orderBy('seq').execute()
      const entries: CaseAuditEntry[] = rows.map(row => ({
        seq: row.seq, mutationId: row.mutation_id, op: row.op, action: row.action,
        actorId: row.actor_id, actorName: row.actor_name, deviceId: row.device_id,
        serverTime: row.server_time, clientTime: row.client_time,
        changes: shownChanges(row.changes),
      }))
      return reply.send({ caseId: id, entries })
    })
  }
}
