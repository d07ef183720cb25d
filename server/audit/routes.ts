import type { CaseAuditEntry } from '../../src/domain/audit'
import type { Handlers } from '../http/api'
import { forbidden, notFound } from '../http/errors'
import { seesCenter } from '../../src/domain/roles'
import type { Store } from '../store/store'
import type { FieldChange } from '../../src/domain/audit'
import { maskChanges } from './mask'
import { verifyChain } from './verify'

function shownChanges(text: string): Record<string, FieldChange> | null {
  try { return maskChanges(JSON.parse(text) as Record<string, FieldChange>) }
  catch { return null }
}

/**
 * GET /api/audit/verify — administrators only: walks the whole hash chain.
 * GET /api/cases/:id/audit — a case's entries, for staff of its centre and administrators.
 */
export function auditHandlers(store: Store, auditKey: Buffer): Pick<Handlers, 'verifyAudit' | 'caseAudit'> {
  return {
    verifyAudit: () => verifyChain(store, auditKey),

    async caseAudit({ params: { id } }, { user }) {
      const rows = await store.read(async (tx) => {
        const found = await tx.selectFrom('cases').select('center_id').where('id', '=', id).executeTakeFirst()
        if (!found) throw notFound('No case with this id')
        if (!seesCenter(user, found.center_id)) throw forbidden('The case belongs to another service centre')
        return tx.selectFrom('audit_log')
          .select(['seq', 'mutation_id', 'op', 'action', 'actor_id', 'actor_name', 'device_id', 'server_time', 'client_time', 'changes'])
          .where('case_id', '=', id).orderBy('seq').execute()
      })
      const entries: CaseAuditEntry[] = rows.map(row => ({
        seq: row.seq, mutationId: row.mutation_id, op: row.op, action: row.action,
        actorId: row.actor_id, actorName: row.actor_name, deviceId: row.device_id,
        serverTime: row.server_time, clientTime: row.client_time,
        changes: shownChanges(row.changes),
      }))
      return { caseId: id, entries }
    },
  }
}
