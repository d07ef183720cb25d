/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core'
import { onNotificationClick } from './notification-click'
import { setUpPrecache } from './precache'
import { onMessage, onSync } from './sync-handlers'

declare let self: ServiceWorkerGlobalScope

// The worker only wires: what each listener does lives beside it.
setUpPrecache(self.__WB_MANIFEST)
// Take over the first page at once, so its changes can be synced by the worker from the start.
clientsClaim()
self.addEventListener('sync', onSync)
self.addEventListener('message', onMessage)
self.addEventListener('notificationclick', onNotificationClick)
