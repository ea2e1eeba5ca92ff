import type { NodeConfig } from '../config.ts'
import type { Channel } from './Channel.ts'
import { createEmailChannel } from './email/EmailChannel.ts'
import { loadVapidKeys } from './push/loadVapidKeys.ts'
import { createWebPushChannel } from './push/WebPushChannel.ts'

/** The e-mail channel the configuration describes, or null when `email.smtpUrl` is not set. */
export function emailChannelFor(config: NodeConfig): Channel | null {
  const { smtpUrl, from, unsubscribeMailto, maxConnections } = config.email
  return smtpUrl ? createEmailChannel({ smtpUrl, from, unsubscribeMailto, maxConnections }) : null
}

/** The Web Push channel, with the node's VAPID key (made on first use, `push.vapidKeyFile`). */
export async function webPushChannelFor(config: NodeConfig): Promise<Channel> {
  const { keys } = await loadVapidKeys(config.push.vapidKeyFile)
  return createWebPushChannel({
    vapid: keys,
    subject: config.push.vapidSubject,
    serviceHosts: config.push.serviceHosts,
  })
}

/** The VAPID public key (base64url) the citizen page subscribes with: `applicationServerKey`. */
export async function vapidPublicKeyFor(config: NodeConfig): Promise<string> {
  return (await loadVapidKeys(config.push.vapidKeyFile)).keys.publicKey
}
