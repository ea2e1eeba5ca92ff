import type { NewRegistration } from './citizenApi.ts'

type PushAddress = Extract<NewRegistration['addresses'][number], { kind: 'push' }>

/** Whether this browser can hold a Web Push subscription at all. */
export function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/')
  const text = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4))
  const bytes = new Uint8Array(new ArrayBuffer(text.length))
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes
}

/**
 * Subscribes this browser with the node's VAPID key (decision 037): registers the alert service
 * worker from this origin, asks for permission, and answers the subscription as the
 * registration takes it. Throws when the person or the browser refuses.
 */
export async function subscribeThisBrowser(vapidKey: string): Promise<PushAddress> {
  const registration = await navigator.serviceWorker.register('/alert-sw.js', { scope: '/' })
  await navigator.serviceWorker.ready
  if ((await Notification.requestPermission()) !== 'granted') throw new Error('notifications refused')
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(vapidKey),
  })
  const json = subscription.toJSON()
  const p256dh = json.keys?.['p256dh']
  const auth = json.keys?.['auth']
  if (!json.endpoint || !p256dh || !auth) throw new Error('the subscription has no keys')
  return { kind: 'push', subscription: { endpoint: json.endpoint, keys: { p256dh, auth } } }
}
