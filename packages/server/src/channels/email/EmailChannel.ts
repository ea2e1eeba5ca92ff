import { LiaisonError } from '@liaison/core'
import { createTransport } from 'nodemailer'
import type { Channel, DeliveryOutcome, EmailMessage, InboundMessage, OutgoingMessage } from '../Channel.ts'
import { limitConcurrency } from '../limitConcurrency.ts'
import { retryDelayMs } from '../../runtime/retryDelayMs.ts'
import { emailHtml, emailText } from './emailBody.ts'
import { isEmailAddress } from './isEmailAddress.ts'
import { smtpFailure } from './smtpFailure.ts'

export interface EmailChannelOptions {
  /**
   * `smtp://[user:password@]host[:port]` (STARTTLS, required unless the relay is on loopback,
   * where it is used when offered) or `smtps://…` (TLS from the start).
   */
  readonly smtpUrl: string
  /** The sender, `address` or `Name <address>`; its domain ends each Message-ID. */
  readonly from: string
  /** A mailto: address for `List-Unsubscribe` beside the one-click URL (RFC 2369, RFC 8058). */
  readonly unsubscribeMailto?: string | null
  /** SMTP connections held open at once (the pool), 5 by default. */
  readonly maxConnections?: number
  /** Messages sent over one connection before it is replaced, 100 by default. */
  readonly maxMessagesPerConnection?: number
  /** Tries of a message refused for now (4xx, a dropped connection) before it is `failed`: 4. */
  readonly attempts?: number
  /** The first wait before a retry, doubling up to `maxRetryMs`: 1 s and 60 s by default. */
  readonly firstRetryMs?: number
  readonly maxRetryMs?: number
  /** PEM CA certificates trusted for the server's TLS, besides the system's. */
  readonly ca?: string | undefined
  readonly clock?: () => Date
}

/** The domain of the sender, for Message-IDs: `Centre <alert@crisis.example>` gives crisis.example. */
function senderDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from
  const domain = address.split('@')[1]?.trim()
  if (!domain) throw new LiaisonError('config_invalid', `email.from ${from}: not an e-mail address`)
  return domain
}

/** The Message-ID of one delivery: our id at the sender's domain, so a bounce names what it bounces. */
export function emailMessageId(id: string, from: string): string {
  return `<${id}@${senderDomain(from)}>`
}

function transportOptions(options: EmailChannelOptions) {
  let url: URL
  try {
    url = new URL(options.smtpUrl)
  } catch {
    throw new LiaisonError('config_invalid', 'email.smtpUrl is not a URL')
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new LiaisonError('config_invalid', 'email.smtpUrl must start with smtp:// or smtps://')
  const secure = url.protocol === 'smtps:'
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  // people's addresses and alerts never cross a network in the clear: STARTTLS is required,
  // except to a relay on this machine
  const loopback = /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === 'localhost'
  return {
    pool: true as const,
    host,
    requireTLS: !secure && !loopback,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    maxConnections: options.maxConnections ?? 5,
    maxMessages: options.maxMessagesPerConnection ?? 100,
    ...(options.ca ? { tls: { ca: options.ca } } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  }
}

/** An http(s) URL in its serialised form (no space, line break or angle bracket left), or null. */
function webAddress(text: string): string | null {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null
  } catch {
    return null
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * E-mail over SMTP through a pool of connections (nodemailer): one multipart message (text and
 * HTML, in its language) per address, with `List-Unsubscribe` and one-click unsubscribe. A
 * batch is sent concurrently within the pool; each message resolves as `submitted` (the server
 * took it: `networkRef` is its Message-ID), `gone` (a hard bounce at RCPT) or `failed`.
 */
export function createEmailChannel(options: EmailChannelOptions): Channel {
  const transport = createTransport(transportOptions(options))
  senderDomain(options.from) // refuse a sender without a domain at once, not at the first message
  const fromAddress = /<([^>]+)>/.exec(options.from)?.[1] ?? options.from
  const clock = options.clock ?? (() => new Date())
  const attempts = options.attempts ?? 4
  const firstRetryMs = options.firstRetryMs ?? 1000
  const maxRetryMs = options.maxRetryMs ?? 60_000
  // twice the connections: each has the next message ready when it finishes one
  const limit = limitConcurrency(2 * (options.maxConnections ?? 5))
  const outcomeListeners = new Set<(outcome: DeliveryOutcome) => void>()
  let closed = false

  const sendOne = async (message: EmailMessage): Promise<DeliveryOutcome> => {
    // one bare address, given to nodemailer as such and as the envelope: never parsed as a list
    if (!isEmailAddress(message.to))
      return {
        id: message.id,
        state: 'failed',
        at: clock(),
        reason: 'the recipient is not one e-mail address',
      }
    const unsubscribeUrl =
      message.unsubscribeUrl === undefined ? undefined : webAddress(message.unsubscribeUrl)
    if (unsubscribeUrl === null)
      return {
        id: message.id,
        state: 'failed',
        at: clock(),
        reason: 'the unsubscribe address is not an http(s) URL',
      }
    // a tag as BCP 47 writes it, or `und` (undetermined): it goes into a header and the HTML
    const language = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(message.language) ? message.language : 'und'
    const messageId = emailMessageId(message.id, options.from)
    const unsubscribe = [
      unsubscribeUrl ? `<${unsubscribeUrl}>` : null,
      options.unsubscribeMailto
        ? `<mailto:${options.unsubscribeMailto}?subject=${encodeURIComponent(`unsubscribe ${message.id}`)}>`
        : null,
    ].filter((v) => v !== null)
    const body = { language, subject: message.subject, text: message.text, unsubscribeUrl }
    const mail = {
      from: options.from,
      to: { name: '', address: message.to },
      envelope: { from: fromAddress, to: [message.to] },
      subject: message.subject,
      messageId,
      text: emailText(body),
      html: emailHtml(body),
      headers: {
        'Content-Language': language,
        ...(unsubscribe.length > 0 ? { 'List-Unsubscribe': unsubscribe.join(', ') } : {}),
        ...(unsubscribeUrl ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
      },
    }
    for (let attempt = 1; ; attempt++) {
      if (closed)
        return { id: message.id, state: 'failed', at: clock(), reason: 'the e-mail channel was closed' }
      try {
        const info = await limit(() => transport.sendMail(mail))
        if (info.rejected.length > 0)
          return { id: message.id, state: 'failed', at: clock(), reason: info.response }
        return { id: message.id, state: 'submitted', at: clock(), networkRef: messageId }
      } catch (error) {
        const failure = smtpFailure(error)
        if (failure.kind !== 'retry')
          return { id: message.id, state: failure.kind, at: clock(), reason: failure.reason }
        if (attempt >= attempts)
          return {
            id: message.id,
            state: 'failed',
            at: clock(),
            reason: `${failure.reason} (after ${attempts} attempts)`,
          }
        await sleep(retryDelayMs(attempt, { firstMs: firstRetryMs, maxMs: maxRetryMs }))
      }
    }
  }

  return {
    kind: 'email',
    async send(batch: readonly OutgoingMessage[]): Promise<DeliveryOutcome[]> {
      return Promise.all(
        batch.map((message) =>
          message.channel === 'email'
            ? sendOne(message)
            : Promise.resolve<DeliveryOutcome>({
                id: message.id,
                state: 'failed',
                at: clock(),
                reason: `a ${message.channel} message given to the e-mail channel`,
              }),
        ),
      )
    },
    onOutcome(listener) {
      // bounces that arrive later (DSNs) are not read yet: the refusals at RCPT are the outcomes
      outcomeListeners.add(listener)
      return () => outcomeListeners.delete(listener)
    },
    onInbound(_listener: (message: InboundMessage) => void) {
      return () => undefined
    },
    async close() {
      closed = true
      transport.close()
    },
  }
}
