import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import type { ParsedMail } from './parseMailMessage.ts'
import { parseMailMessage } from './parseMailMessage.ts'

/** One message the sink accepted: its envelope, its raw source and what it says. */
export interface ReceivedMail {
  /** The queue id the sink answered with (`250 OK: queued as <queueId>`). */
  readonly queueId: string
  readonly mailFrom: string
  readonly rcptTo: readonly string[]
  /** Whether the message came over TLS (STARTTLS or implicit). */
  readonly secure: boolean
  /** The user name it authenticated as, if it did. */
  readonly user: string | null
  readonly raw: Buffer
  readonly parsed: ParsedMail
  readonly at: Date
}

/** How the sink answers RCPT TO for an address: 550 is a hard bounce, 451 a temporary refusal. */
export interface RcptRefusal {
  readonly code: 550 | 551 | 553 | 554 | 450 | 451 | 452
  /** The server's words after the code; a sensible default per code otherwise. */
  readonly message?: string
  /** Refuse only this many times, then accept (a 451 that clears up); forever when left out. */
  readonly times?: number
}

export interface SmtpSinkOptions {
  /** Defaults to 127.0.0.1 and a free port. */
  readonly host?: string
  readonly port?: number
  /** When given, clients must authenticate (PLAIN or LOGIN) with one of these. */
  readonly users?: Readonly<Record<string, string>>
  /** Addresses (lower case) refused at RCPT TO. */
  readonly refuse?: Readonly<Record<string, RcptRefusal>>
  /** Milliseconds the sink waits before answering each RCPT TO and the end of DATA. */
  readonly delayMs?: number
  /**
   * A TLS key and certificate (PEM): the sink then offers STARTTLS, or with `implicitTls` speaks
   * TLS from the start (as on port 465). Without them it offers neither.
   */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer }
  readonly implicitTls?: boolean
  /** Largest message accepted, in bytes (10 MB). */
  readonly sizeLimit?: number
}

export interface SmtpSink {
  readonly host: string
  readonly port: number
  /** `smtp://host:port` (`smtps://` with implicit TLS), for a client's configuration (without credentials). */
  readonly url: string
  /** Every message accepted, in order. */
  readonly messages: readonly ReceivedMail[]
  /** The most client connections that were open at once. */
  readonly peakConnections: number
  /** RCPT TO refusals given, in order: the address and the code. */
  readonly refusals: readonly { readonly address: string; readonly code: number }[]
  /** Refuses (or, with null, accepts again) an address from now on. */
  refuse(address: string, refusal: RcptRefusal | null): void
  setDelay(ms: number): void
  /** Resolves once `count` messages have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<readonly ReceivedMail[]>
  close(): Promise<void>
}

const defaultWords: Record<RcptRefusal['code'], string> = {
  550: '5.1.1 <%s>: user unknown',
  551: '5.1.6 <%s>: user not local',
  553: '5.1.3 <%s>: mailbox name not allowed',
  554: '5.7.1 <%s>: relay access denied',
  450: '4.2.1 <%s>: mailbox unavailable, try again later',
  451: '4.3.0 <%s>: temporary local problem, try again later',
  452: '4.2.2 <%s>: mailbox full, try again later',
}

/** A refusal the smtp-server library answers with its code and words. */
class SmtpRefusal extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message)
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** An SMTP server on loopback that keeps what it receives, for the demo and the tests. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = []
  const refusals: { address: string; code: number }[] = []
  const refused = new Map<string, { refusal: RcptRefusal; left: number }>()
  for (const [address, refusal] of Object.entries(options.refuse ?? {}))
    refused.set(address.toLowerCase(), { refusal, left: refusal.times ?? Infinity })
  let delayMs = options.delayMs ?? 0
  const waiters: { count: number; resolve: () => void }[] = []
  const users = options.users
  let open = 0
  let peakConnections = 0

  const server = new SMTPServer({
    logger: false,
    banner: 'Liaison SMTP sink',
    // close() ends open connections (a client's pool) after this long instead of 30 s
    closeTimeout: 2000,
    disabledCommands: [
      ...(options.tls && !options.implicitTls ? [] : ['STARTTLS']),
      ...(users ? [] : ['AUTH']),
    ],
    ...(options.tls
      ? { key: options.tls.key, cert: options.tls.cert, secure: options.implicitTls === true }
      : {}),
    authOptional: !users,
    allowInsecureAuth: true,
    size: options.sizeLimit ?? 10 * 1024 * 1024,
    onConnect(_session, callback) {
      open += 1
      peakConnections = Math.max(peakConnections, open)
      callback()
    },
    onClose() {
      open -= 1
    },
    onAuth(auth, _session, callback) {
      const password = users?.[auth.username ?? '']
      if (password === undefined || password !== auth.password)
        return callback(new SmtpRefusal(535, '5.7.8 authentication credentials invalid'))
      callback(null, { user: auth.username })
    },
    onRcptTo(address, _session, callback) {
      void (async () => {
        if (delayMs > 0) await sleep(delayMs)
        const key = address.address.toLowerCase()
        const entry = refused.get(key)
        if (entry && entry.left > 0) {
          entry.left -= 1
          refusals.push({ address: key, code: entry.refusal.code })
          const words =
            entry.refusal.message ?? defaultWords[entry.refusal.code].replace('%s', address.address)
          return callback(new SmtpRefusal(entry.refusal.code, words))
        }
        callback()
      })()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        void (async () => {
          if (stream.sizeExceeded) return callback(new SmtpRefusal(552, '5.3.4 message too big'))
          if (delayMs > 0) await sleep(delayMs)
          const raw = Buffer.concat(chunks)
          const queueId = randomBytes(6).toString('hex').toUpperCase()
          messages.push({
            queueId,
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            secure: session.secure,
            user: typeof session.user === 'string' ? session.user : null,
            raw,
            parsed: parseMailMessage(raw),
            at: new Date(),
          })
          for (const waiter of [...waiters]) {
            if (messages.length >= waiter.count) {
              waiters.splice(waiters.indexOf(waiter), 1)
              waiter.resolve()
            }
          }
          callback(null, `OK: queued as ${queueId}`)
        })()
      })
    },
  })

  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  // a client that drops its connection must not stop the sink
  server.on('error', () => undefined)
  const port = (server.server.address() as AddressInfo).port

  return {
    host,
    port,
    url: `${options.implicitTls ? 'smtps' : 'smtp'}://${host}:${port}`,
    messages,
    refusals,
    get peakConnections() {
      return peakConnections
    },
    refuse(address, refusal) {
      if (refusal === null) refused.delete(address.toLowerCase())
      else refused.set(address.toLowerCase(), { refusal, left: refusal.times ?? Infinity })
    },
    setDelay(ms) {
      delayMs = ms
    },
    waitFor(count, timeoutMs = 30_000) {
      if (messages.length >= count) return Promise.resolve(messages)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1)
          reject(
            new Error(`the SMTP sink received ${messages.length} of ${count} messages in ${timeoutMs} ms`),
          )
        }, timeoutMs)
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer)
            resolve(messages)
          },
        }
        waiters.push(waiter)
      })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
