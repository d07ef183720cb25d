/**
 * Who wipes the device when any answer of the central system says it was revoked: set by the sync
 * engine's first round in the page and in the service worker (run-sync.ts), which also wipes on
 * its own answers. Apart from client.ts, which the booking page shares and which knows no database.
 */
let listener: (() => void) | null = null

export const onDeviceRevoked = (wipe: () => void) => { listener = wipe }
export const tellDeviceRevoked = () => listener?.()
