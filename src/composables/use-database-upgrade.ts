import { readonly, ref } from 'vue'
import { db } from '../db/db'

const upgraded = ref(false)
let listening = false

/**
 * True once a newer version of the app, in another tab or its new service worker, upgraded the
 * device database. Dexie closes this tab's connection at once so the upgrade is never blocked;
 * this tab's code knows only the old schema, so it asks the user to reload (never reloads itself).
 */
export function useDatabaseUpgrade() {
  if (!listening) {
    listening = true
    db.on('versionchange', (event) => {
      if (event.newVersion !== null) upgraded.value = true
    })
  }
  return readonly(upgraded)
}
