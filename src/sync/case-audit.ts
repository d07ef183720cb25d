import { callApi } from '../api/client'
import { caseAudit } from '../domain/api/audit-routes'
import type { CaseAuditEntry } from '../domain/audit'

/**
 * A case's audit trail from the central system, for the case page's history. Only there when the
 * central system answers: the history on the device stands on its own, this adds the before/after.
 */
export async function fetchCaseAudit(token: string, caseId: string): Promise<CaseAuditEntry[]> {
  return (await callApi(caseAudit, { params: { id: caseId } }, { token })).entries
}
