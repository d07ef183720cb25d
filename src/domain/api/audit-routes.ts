import * as v from 'valibot'
import { CaseAuditResponseSchema, VerifyResultSchema } from '../audit'
import { isUuid } from '../ids'
import { defineRoute } from './route'

/** Walks the whole hash chain of the audit trail (server/audit). */
export const verifyAudit = defineRoute({ method: 'GET', path: '/api/audit/verify', access: 'admin', response: VerifyResultSchema })

/** A case's audit entries, ID numbers and phones masked: for staff of its centre and administrators. */
export const caseAudit = defineRoute({
  method: 'GET', path: '/api/cases/:id/audit', access: 'staff',
  params: v.object({ id: v.pipe(v.string(), v.check(isUuid, 'uuid')) }),
  response: CaseAuditResponseSchema,
})
