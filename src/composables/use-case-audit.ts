import { type Ref, shallowRef, watch } from 'vue'
import type { CaseAuditEntry } from '../domain'
import { useSessionStore } from '../stores/session'

/**
 * The central system's audit entries of a case, keyed by mutation id; empty while offline or
 * signed out (the device's own history still shows). Fetched again when a sync changes the case.
 */
export function useCaseAudit(caseId: Ref<string>, version: Ref<number | undefined>): Ref<Map<string, CaseAuditEntry>> {
  const session = useSessionStore()
  const entries = shallowRef(new Map<string, CaseAuditEntry>())
  let asked = 0
  watch([caseId, version, () => session.session?.token], async ([id, v, token]) => {
    const mine = ++asked
    // A case only on this device has no audit yet.
    if (!token || session.needsSignIn || !v) return
    try {
      const { fetchCaseAudit } = await import('../sync/case-audit')
      const list = await fetchCaseAudit(token, id)
      if (mine === asked) entries.value = new Map(list.map(entry => [entry.mutationId, entry]))
    }
    catch {
      // Offline or refused: the history from the device is shown without the before/after.
    }
  }, { immediate: true })
  return entries
}
