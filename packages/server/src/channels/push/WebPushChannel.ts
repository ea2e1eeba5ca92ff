import { Agent } from 'node:https'
import { rootCertificates } from 'node:tls'
import webpush from 'web-push'
import type { Channel, DeliveryOutcome, InboundMessage, OutgoingMessage, PushMessage } from '../Channel.ts'
import { limitConcurrency } from '../limitConcurrency.ts'
import { retryDelayMs } from '../../runtime/retryDelayMs.ts'
import { retryAfterMs } from '../retryAfterMs.ts'
import type { VapidKeys } from './loadVapidKeys.ts'
import { pushPayload } from './pushPayload.ts'
import { defaultPushServiceHosts, isAllowedPushEndpoint } from './pushServiceHosts.ts'

export interface WebPushChannelOptions {
  readonly vapid: VapidKeys
  /** The VAPID subject (RFC 8292 §2.1): a mailto: or https: address push services may contact. */
  readonly subject: string
  /** Seconds a push service keeps a message for an offline browser when the message says none: 12 h. */
  readonly defaultTtlSeconds?: number
  /** Tries of a message answered 429, 5xx or not at all before it is `failed`: 4. */
  readonly attempts?: number
  /** The first wait before a retry, doubling up to `maxRetryMs` (which also caps a Retry-After). */
  readonly firstRetryMs?: number
  readonly maxRetryMs?: number
  /** Requests in flight at once, across push services: 32. */
  readonly maxConcurrent?: number
  /**
   * The push services a subscription's endpoint may be on (`host`, `host:port`, `*.domain`): the
   * browsers' own by default (`defaultPushServiceHosts`). Any other endpoint is `failed`, never asked.
   */
  readonly serviceHosts?: readonly string[]
  /** PEM CA certificates trusted for push services' TLS, besides the system's (the tests' own endpoint). */
  readonly ca?: string | undefined
  /** Milliseconds a push service may take to answer: 30 s. */
  readonly timeoutMs?: number
  readonly clock?: () => Date
}

type PushError = Error & { statusCode?: number; headers?: Record<string, string>; body?: string }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm (RFC 8291), through `web-push`: the
 * payload `{title, body, url, lang, dir}` that the service worker shows. 201 is `submitted`
 * (`networkRef`: the message's Location), 404 and 410 are `gone` (remove the subscription), 429
 * (after its Retry-After) and 5xx are retried with back-off, any other answer is `failed`.
 */
export function createWebPushChannel(options: WebPushChannelOptions): Channel {
  const clock = options.clock ?? (() => new Date())
  const attempts = options.attempts ?? 4
  const firstRetryMs = options.firstRetryMs ?? 1000
  const maxRetryMs = options.maxRetryMs ?? 60_000
  const maxConcurrent = options.maxConcurrent ?? 32
  const limit = limitConcurrency(maxConcurrent)
  const agent = new Agent({
    keepAlive: true,
    maxSockets: maxConcurrent,
    ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {}),
  })
  const vapidDetails = {
    subject: options.subject,
    publicKey: options.vapid.publicKey,
    privateKey: options.vapid.privateKey,
  }
  let closed = false

  const serviceHosts = options.serviceHosts ?? defaultPushServiceHosts

  const sendOne = async (message: PushMessage): Promise<DeliveryOutcome> => {
    if (!isAllowedPushEndpoint(message.to.endpoint, serviceHosts))
      return {
        id: message.id,
        state: 'failed',
        at: clock(),
        reason: 'the subscription’s endpoint is not on an allowed push service (push.serviceHosts)',
      }
    if (message.topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(message.topic))
      return {
        id: message.id,
        state: 'failed',
        at: clock(),
        reason: 'the topic is not 1 to 32 base64url characters',
      }
    const payload = pushPayload(message)
    const requestOptions = {
      vapidDetails,
      TTL: message.ttlSeconds ?? options.defaultTtlSeconds ?? 12 * 3600,
      urgency: message.urgency ?? 'high',
      contentEncoding: 'aes128gcm' as const,
      ...(message.topic === undefined ? {} : { topic: message.topic }),
      agent,
      timeout: options.timeoutMs ?? 30_000,
    }
    const subscription = { endpoint: message.to.endpoint, keys: message.to.keys }
    for (let attempt = 1; ; attempt++) {
      if (closed)
        return { id: message.id, state: 'failed', at: clock(), reason: 'the push channel was closed' }
      let wait: number
      let reason: string
      try {
        const result = await limit(() => webpush.sendNotification(subscription, payload, requestOptions))
        const location = result.headers['location']
        return {
          id: message.id,
          state: 'submitted',
          at: clock(),
          ...(typeof location === 'string' ? { networkRef: location } : {}),
        }
      } catch (error) {
        const err = error as PushError
        const status = err.statusCode
        reason = status === undefined ? err.message : `${status} ${(err.body ?? '').trim()}`.trim()
        if (status === 404 || status === 410) return { id: message.id, state: 'gone', at: clock(), reason }
        if (status === 429) {
          const after = retryAfterMs(err.headers?.['retry-after'], clock())
          wait = Math.min(
            maxRetryMs,
            after ?? retryDelayMs(attempt, { firstMs: firstRetryMs, maxMs: maxRetryMs }),
          )
        } else if (status === undefined || status >= 500) {
          wait = retryDelayMs(attempt, { firstMs: firstRetryMs, maxMs: maxRetryMs })
        } else {
          // 400 (a bad subscription or payload), 401/403 (our VAPID refused), 413: trying again changes nothing
          return { id: message.id, state: 'failed', at: clock(), reason }
        }
      }
      if (attempt >= attempts)
        return {
          id: message.id,
          state: 'failed',
          at: clock(),
          reason: `${reason} (after ${attempts} attempts)`,
        }
      await sleep(wait)
    }
  }

  return {
    kind: 'push',
    async send(batch: readonly OutgoingMessage[]): Promise<DeliveryOutcome[]> {
      return Promise.all(
        batch.map((message) =>
          message.channel === 'push'
            ? sendOne(message)
            : Promise.resolve<DeliveryOutcome>({
                id: message.id,
                state: 'failed',
                at: clock(),
                reason: `a ${message.channel} message given to the push channel`,
              }),
        ),
      )
    },
    onOutcome() {
      // Web Push has no receipts: the push service's answer is the outcome
      return () => undefined
    },
    onInbound(_listener: (message: InboundMessage) => void) {
      return () => undefined
    },
    async close() {
      closed = true
      agent.destroy()
    },
  }
}
