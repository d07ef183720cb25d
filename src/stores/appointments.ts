import { acceptHMRUpdate, defineStore } from 'pinia'
import { markNoShow } from '../db/appointment-writes'
import { db } from '../db/db'
import { requestSyncSoon } from '../sync/page/sync-scheduler'
import { useSessionStore } from './session'

/**
 * Changes to appointments made on this device. A no-show is stored with its outbox change in one
 * transaction and shown at once; check-in happens by taking in a case (the cases store's takeIn
 * with `appointmentId`). Reads go through use-today.ts. Throws LocalRejection when the rules refuse.
 */
export const useAppointmentStore = defineStore('appointments', () => {
  /** 爽约: the applicant did not come and the slot has ended. */
  async function noShow(appointmentId: string): Promise<void> {
    const session = useSessionStore()
    if (!session.user) throw new Error('nobody is signed in')
    await markNoShow(db, session.user, appointmentId)
    requestSyncSoon()
  }

  return { noShow }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAppointmentStore, import.meta.hot))
