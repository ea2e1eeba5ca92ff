/* global self, URL */
/**
 * Liaison's alert service worker. The citizen page registers it from its own origin, at
 * /alert-sw.js, and subscribes with the node's VAPID key; the Web Push channel then sends each
 * alert as a JSON payload {title, body, url, lang, dir} (packages/server/src/channels/push/).
 * It shows the alert as a notification in its language and direction, and opens the alert's
 * page when the notification is clicked. No dependencies, no cache, nothing kept.
 */
'use strict'

/** The notification for a payload; anything missing or of the wrong type is left out. */
function notificationFor(data) {
  const payload = data !== null && typeof data === 'object' ? data : {}
  const text = (value) => (typeof value === 'string' ? value : '')
  let url = ''
  try {
    const parsed = new URL(text(payload.url), self.location.origin)
    if ((parsed.protocol === 'https:' || parsed.protocol === 'http:') && text(payload.url)) url = parsed.href
  } catch {
    url = ''
  }
  return {
    title: text(payload.title) || self.location.host,
    options: {
      body: text(payload.body),
      lang: text(payload.lang),
      dir: payload.dir === 'rtl' || payload.dir === 'ltr' ? payload.dir : 'auto',
      // an alert stays until the person acts on it, and a new version of it alerts again
      requireInteraction: true,
      tag: url || undefined,
      renotify: Boolean(url),
      data: { url },
    },
  }
}

function readPayload(event) {
  if (!event.data) return {}
  try {
    return event.data.json()
  } catch {
    return { body: event.data.text() }
  }
}

self.addEventListener('install', () => {
  self.skipWaiting()
})

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim())
})

self.addEventListener('push', (event) => {
  const { title, options } = notificationFor(readPayload(event))
  event.waitUntil(self.registration.showNotification(title, options))
})

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const url = event.notification.data && event.notification.data.url
  if (!url) return
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === url && 'focus' in client)
      return open ? open.focus() : self.clients.openWindow(url)
    }),
  )
})
