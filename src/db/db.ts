import { ShiftDeskDB } from './database'

/** The one database of this installation, shared by pages and the service worker. */
export const db = new ShiftDeskDB()
