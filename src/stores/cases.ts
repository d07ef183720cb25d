import { acceptHMRUpdate, defineStore } from 'pinia'
import { db } from '../db/db'
import { recordCaseChange, recordCaseChanges, takeInCase } from '../db/case-writes'
import type { CaseAction, CaseIntake, CaseRecord, UpdatableField } from '../domain'
import { requestSyncSoon } from '../sync/page/sync-scheduler'
import { useSessionStore } from './session'

/**
 * Case changes made on this device. Each action writes the case and its outbox mutation in one
 * transaction, then asks for a sync; reads go through the use-case-* composables (liveQuery).
 * Actions throw LocalRejection when the domain rules refuse the change.
 */
export const useCaseStore = defineStore('cases', () => {
  function actor() {
    const session = useSessionStore()
    if (!session.user || !session.center) throw new Error('nobody is signed in')
    return { user: session.user, center: session.center }
  }

  /** 受理: takes in a new case; returns it with its case number for the receipt. */
  async function takeIn(intake: CaseIntake): Promise<CaseRecord> {
    const { user, center } = actor()
    const record = await takeInCase(db, user, center, intake)
    requestSyncSoon()
    return record
  }

  /** Moves a case along the state machine (start, return for materials, complete, …). */
  async function transition(caseId: string, action: CaseAction, note = ''): Promise<CaseRecord> {
    const record = await recordCaseChange(db, actor().user, 'case.transition', caseId, { action, note })
    requestSyncSoon()
    return record
  }

  /** Changes intake fields; only the changed fields travel to the central system. */
  async function update(caseId: string, fields: Partial<Record<UpdatableField, unknown>>): Promise<CaseRecord> {
    const record = await recordCaseChange(db, actor().user, 'case.update', caseId, { fields })
    requestSyncSoon()
    return record
  }

  /** 补正: the applicant brought what was missing; the materials and the resume are stored together. */
  async function resumeWithMaterials(caseId: string, materials: string[]): Promise<void> {
    await recordCaseChanges(db, actor().user, [
      { op: 'case.update', entityId: caseId, payload: { fields: { materials } } },
      { op: 'case.transition', entityId: caseId, payload: { action: 'resume', note: '' } },
    ])
    requestSyncSoon()
  }

  return { takeIn, transition, update, resumeWithMaterials }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCaseStore, import.meta.hot))
