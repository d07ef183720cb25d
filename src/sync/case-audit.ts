import { type CaseAuditEntry, CaseAuditResponseSchema } from '../domain/audit'
import { callCentral } from './central-api'

/**
 * A case's audit trail from the central system, for the case page's history. Only there when the
 * central system answers: the history on the device stands on its own, this adds the before/after.
 */
export async function fetchCaseAudit(token: string, caseId: string): Promise<CaseAuditEntry[]> {
  const answer = await callCentral('', `/api/cases/${encodeURIComponent(caseId)}/audit`, CaseAuditResponseSchema, { token })
  return answer.entries
}
