/** The Background Sync tag: pages register it, the service worker answers it. */
export const SYNC_TAG = 'shiftdesk-sync'
