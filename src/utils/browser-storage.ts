import type { ReadinessFacts } from '../domain'

/** What the browser says about this site's storage; nulls where it does not say. */
export async function readStorageFacts(): Promise<ReadinessFacts['storage']> {
  const storage = navigator.storage as StorageManager | undefined
  if (!storage) return { persisted: null, usage: null, quota: null }
  const [persisted, estimate] = await Promise.all([
    storage.persisted ? storage.persisted() : null,
    storage.estimate ? storage.estimate() : null,
  ])
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null }
}

/**
 * Asks the browser not to clear this site's data under storage pressure: cases taken in offline
 * live only here until they sync. Chromium grants it to installed or much-used apps without asking.
 */
export async function requestPersistentStorage(): Promise<boolean | null> {
  const storage = navigator.storage as StorageManager | undefined
  return storage?.persist ? storage.persist() : null
}

/** A new app version downloaded and waiting for the user's reload. */
export async function updateWaiting(): Promise<boolean> {
  const registration = await navigator.serviceWorker?.getRegistration()
  return !!registration?.waiting
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`
  return `${Math.ceil(bytes / 1024)} KB`
}
