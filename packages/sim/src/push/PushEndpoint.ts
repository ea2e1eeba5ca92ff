import { createECDH, randomBytes, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { PushReceiverKeys } from './decryptAes128gcm.ts'
import { decryptAes128gcm } from './decryptAes128gcm.ts'
import type { VapidClaims } from './verifyVapid.ts'
import { verifyVapid } from './verifyVapid.ts'

/** A subscription as a browser's `PushSubscription.toJSON()` gives it, with what only the browser keeps. */
export interface SimulatedSubscription {
  readonly endpoint: string
  readonly keys: { readonly p256dh: string; readonly auth: string }
  readonly receiver: PushReceiverKeys
}

/** One push message the endpoint accepted and decrypted. */
export interface ReceivedPush {
  readonly endpoint: string
  /** The decrypted payload, as UTF-8 text. */
  readonly plaintext: string
  readonly ttl: number
  readonly urgency: string
  readonly topic: string | null
  readonly vapid: VapidClaims
  readonly at: Date
}

/** How the endpoint answers one subscription instead of 201. */
export type PushAnswer =
  | { readonly status: 404 | 410 }
  | { readonly status: 429; readonly retryAfterSeconds: number; readonly times?: number }
  | { readonly status: 500 | 502 | 503; readonly times?: number }

export interface PushEndpointOptions {
  /** The TLS key and certificate (PEM) the endpoint serves with: make them with openssl at test time. */
  readonly key: string | Buffer
  readonly cert: string | Buffer
  readonly host?: string
  readonly port?: number
  /** Only pushes signed with this VAPID public key (base64url) are accepted (any valid one otherwise). */
  readonly vapidPublicKey?: string
  /** Seconds since the epoch: the clock the VAPID expiry is checked against. */
  readonly now?: () => number
}

export interface PushEndpoint {
  /** `https://host:port`: the audience a VAPID JWT must name. */
  readonly origin: string
  /** Every push accepted, in order. */
  readonly received: readonly ReceivedPush[]
  /** Every request refused, with its status and why. */
  readonly refused: readonly {
    readonly endpoint: string
    readonly status: number
    readonly problem: string
  }[]
  /** Plays a browser subscribing: a new key pair, auth secret and endpoint URL. */
  subscribe(): SimulatedSubscription
  /** Answers this subscription with 404 or 410 from now on (expired), or 429 / 5xx for a while. */
  answer(endpoint: string, answer: PushAnswer | null): void
  waitFor(count: number, timeoutMs?: number): Promise<readonly ReceivedPush[]>
  close(): Promise<void>
}

const maxBody = 8 * 1024

/**
 * A Web Push service and the browsers behind it, on loopback over HTTPS: it accepts RFC 8030
 * POSTs to the subscriptions it made, checks their VAPID authorisation (RFC 8292), decrypts
 * them (RFC 8291) and keeps the plaintext.
 */
export async function startPushEndpoint(options: PushEndpointOptions): Promise<PushEndpoint> {
  const host = options.host ?? '127.0.0.1'
  const now = options.now ?? (() => Math.floor(Date.now() / 1000))
  const subscriptions = new Map<string, SimulatedSubscription>()
  const answers = new Map<string, { answer: PushAnswer; left: number }>()
  const received: ReceivedPush[] = []
  const refused: { endpoint: string; status: number; problem: string }[] = []
  const waiters: { count: number; resolve: () => void }[] = []
  let origin = ''

  const refuse = (res: ServerResponse, endpoint: string, status: number, problem: string, headers = {}) => {
    refused.push({ endpoint, status, problem })
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers })
    res.end(problem)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', origin).pathname
    const endpoint = `${origin}${path}`
    if (req.method !== 'POST') return refuse(res, endpoint, 405, 'only POST')
    const subscription = subscriptions.get(path)
    if (!subscription) return refuse(res, endpoint, 404, 'no such subscription')
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > maxBody) return refuse(res, endpoint, 413, `a push message is at most ${maxBody} bytes`)
      chunks.push(chunk)
    }
    const special = answers.get(path)
    if (special && special.left > 0) {
      const { answer } = special
      if (answer.status !== 404 && answer.status !== 410) special.left -= 1
      return answer.status === 429
        ? refuse(res, endpoint, 429, 'too many requests', { 'retry-after': String(answer.retryAfterSeconds) })
        : refuse(
            res,
            endpoint,
            answer.status,
            answer.status >= 500 ? 'push service unavailable' : 'subscription expired',
          )
    }
    const vapid = verifyVapid(req.headers.authorization, origin, now())
    if (!vapid.ok) return refuse(res, endpoint, 401, vapid.problem)
    if (options.vapidPublicKey && vapid.claims.publicKey !== options.vapidPublicKey)
      return refuse(res, endpoint, 403, 'signed with another VAPID key than the subscription was made for')
    const ttlHeader = req.headers['ttl']
    if (typeof ttlHeader !== 'string' || !/^\d+$/.test(ttlHeader))
      return refuse(res, endpoint, 400, 'TTL header missing')
    if (req.headers['content-encoding'] !== 'aes128gcm')
      return refuse(res, endpoint, 415, 'Content-Encoding must be aes128gcm')
    let plaintext: string
    try {
      plaintext = decryptAes128gcm(Buffer.concat(chunks), subscription.receiver).toString('utf8')
    } catch (error) {
      return refuse(res, endpoint, 400, `does not decrypt: ${(error as Error).message}`)
    }
    const urgency = req.headers['urgency']
    const topic = req.headers['topic']
    received.push({
      endpoint,
      plaintext,
      ttl: Number(ttlHeader),
      urgency: typeof urgency === 'string' ? urgency : 'normal',
      topic: typeof topic === 'string' ? topic : null,
      vapid: vapid.claims,
      at: new Date(),
    })
    for (const waiter of [...waiters]) {
      if (received.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
    }
    res.writeHead(201, { location: `${origin}/message/${randomUUID()}` })
    res.end()
  }

  const server = createServer({ key: options.key, cert: options.cert }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, req.url ?? '', 500, (error as Error).message)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  origin = `https://${host.includes(':') ? `[${host}]` : host}:${port}`

  return {
    origin,
    received,
    refused,
    subscribe() {
      const ecdh = createECDH('prime256v1')
      ecdh.generateKeys()
      const authSecret = randomBytes(16)
      const path = `/push/${randomBytes(16).toString('base64url')}`
      const subscription: SimulatedSubscription = {
        endpoint: `${origin}${path}`,
        keys: { p256dh: ecdh.getPublicKey('base64url'), auth: authSecret.toString('base64url') },
        receiver: { privateKey: ecdh.getPrivateKey(), publicKey: ecdh.getPublicKey(), authSecret },
      }
      subscriptions.set(path, subscription)
      return subscription
    },
    answer(endpoint, answer) {
      const path = new URL(endpoint).pathname
      if (answer === null) answers.delete(path)
      else answers.set(path, { answer, left: 'times' in answer ? (answer.times ?? Infinity) : Infinity })
    },
    waitFor(count, timeoutMs = 30_000) {
      if (received.length >= count) return Promise.resolve(received)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1)
          reject(
            new Error(
              `the push endpoint received ${received.length} of ${count} messages in ${timeoutMs} ms`,
            ),
          )
        }, timeoutMs)
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer)
            resolve(received)
          },
        }
        waiters.push(waiter)
      })
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
