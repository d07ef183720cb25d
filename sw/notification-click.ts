/// <reference lib="webworker" />
declare let self: ServiceWorkerGlobalScope

/**
 * A tap on an "approvals arrived" notification brings the app forward on the queue: an open window
 * is reused (it may hold typed input), a new one opens only when none is open.
 */
export function onNotificationClick(event: NotificationEvent) {
  event.notification.close()
  const url = new URL(typeof event.notification.data?.url === 'string' ? event.notification.data.url : '/', self.location.origin)
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
    const open = windows.find(client => new URL(client.url).origin === url.origin)
    if (!open) return void await self.clients.openWindow(url.href)
    await open.focus()
    if (new URL(open.url).pathname !== url.pathname) open.postMessage({ type: 'NAVIGATE', path: url.pathname })
  })())
}
