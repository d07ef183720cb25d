/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'

/**
 * The app shell is precached, so the app opens with no network at all; any navigation inside the
 * app answers with index.html. API calls are never cached: case data lives in IndexedDB. The
 * citizens' booking page (/book/) is a separate site on the same server and never the staff app.
 */
export function setUpPrecache(manifest: (string | PrecacheEntry)[]): void {
  precacheAndRoute(manifest)
  cleanupOutdatedCaches()
  registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//, /^\/book(\/|$)/] }))
}
