import type { Pdu, Session } from 'smpp'
import smpp from 'smpp'

const { PDU, connect, errors } = smpp
import type { SmsOperatorAccount } from './smsOperators.ts'
import { TokenBucket } from './tokenBucket.ts'

/** What went wrong with an operator's SMSC, for the log and the operator's status. */
export type SmsProblemKind =
  | 'connection_failed'
  | 'connection_lost'
  | 'bind_refused'
  | 'no_answer'
  | 'garbage'
  | 'unexpected_pdu'
  | 'throttled'

export interface SmsProblem {
  readonly operator: string
  readonly kind: SmsProblemKind
  readonly detail: string
  readonly at: Date
}

export type SubmitAnswer =
  { readonly ok: true; readonly messageId: string } | { readonly ok: false; readonly status: string }

/** One submit_sm to make: its fields, and who waits for its answer. */
export interface Submission {
  readonly fields: Readonly<Record<string, unknown>>
  readonly answered: (answer: SubmitAnswer) => void
  /** Set when the message's deadline passed: it is not sent (again). */
  cancelled: boolean
  attempts: number
}

export interface LinkOptions {
  /** The first pause before reconnecting, doubled after each failure up to `reconnectMaxMs`. */
  readonly reconnectInitialMs: number
  readonly reconnectMaxMs: number
  /** How long a throttled link pauses before it submits again. */
  readonly throttlePauseMs: number
  readonly onProblem: (problem: SmsProblem) => void
  /** A deliver_sm (receipt or mobile-originated), already answered. */
  readonly onDeliver: (pdu: Pdu) => void
}

export type LinkState = 'connecting' | 'binding' | 'bound' | 'waiting' | 'closed'

interface Connection {
  readonly session: Session
  sequence: number
  bound: boolean
  readonly outstanding: Map<number, { submission: Submission; sentAt: number }>
  enquire: { sequence: number; sentAt: number } | null
  bindSentAt: number | null
  /** When the TCP connection was asked for, until it is made (a host that never answers a SYN). */
  connectingSince: number | null
  /** When it last received a PDU: a link quiet for enquireLinkSeconds is asked if it is alive. */
  lastHeard: number
}

const statusNames = new Map(Object.entries(errors).map(([name, code]) => [code, name]))

/** The name of an SMPP command_status (`ESME_RTHROTTLED`), or its hex. */
export function statusName(status: number): string {
  return statusNames.get(status) ?? `0x${status.toString(16).padStart(8, '0')}`
}

/**
 * One operator account's transceiver bind: it connects, binds, keeps the link alive with
 * enquire_link, submits from its queue with at most `window` unanswered and at most
 * `ratePerSecond` (halved on ESME_RTHROTTLED, then climbing back), and reconnects with back-off.
 * A submit_sm unanswered when the connection ends goes back to the head of the queue and is
 * sent again after the next bind (at least once).
 */
export class SmppLink {
  private connection: Connection | null = null
  private readonly queue: Submission[] = []
  private readonly bucket: TokenBucket
  private backoffMs: number
  private stateNow: LinkState = 'waiting'
  private pumpTimer: NodeJS.Timeout | null = null
  private reconnectTimer: NodeJS.Timeout | null = null
  private readonly watchdog: NodeJS.Timeout
  private pausedUntil = 0
  private closing = false

  constructor(
    readonly account: SmsOperatorAccount,
    private readonly options: LinkOptions,
  ) {
    this.bucket = new TokenBucket(
      account.ratePerSecond,
      Math.max(1, Math.min(account.window, account.ratePerSecond)),
    )
    this.backoffMs = options.reconnectInitialMs
    this.watchdog = setInterval(
      () => this.check(),
      Math.min(1000, (account.responseTimeoutSeconds * 1000) / 4),
    )
    this.watchdog.unref()
    this.open()
  }

  get state(): LinkState {
    return this.stateNow
  }

  /** Queued and unanswered submissions, and the rate it submits at now. */
  status(): { state: LinkState; queued: number; outstanding: number; ratePerSecond: number } {
    return {
      state: this.stateNow,
      queued: this.queue.filter((s) => !s.cancelled).length,
      outstanding: this.connection?.outstanding.size ?? 0,
      ratePerSecond: this.bucket.currentRate,
    }
  }

  submit(submission: Submission): void {
    this.queue.push(submission)
    this.pump()
  }

  /** Unbinds (waiting a moment for the answer) and stops reconnecting. */
  async close(): Promise<void> {
    this.closing = true
    this.stateNow = 'closed'
    clearInterval(this.watchdog)
    if (this.pumpTimer) clearTimeout(this.pumpTimer)
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    const c = this.connection
    if (!c) return
    await new Promise<void>((resolve) => {
      const done = () => {
        c.session.destroy()
        resolve()
      }
      const timer = setTimeout(done, 1000)
      c.session.socket.once('close', () => {
        clearTimeout(timer)
        resolve()
      })
      if (!c.bound || !this.send(c, new PDU('unbind'))) done()
      else c.session.once('unbind_resp', done)
    })
  }

  private open(): void {
    if (this.closing) return
    this.stateNow = 'connecting'
    const session = connect({ host: this.account.host, port: this.account.port })
    const c: Connection = {
      session,
      sequence: 0,
      bound: false,
      outstanding: new Map(),
      enquire: null,
      bindSentAt: null,
      connectingSince: performance.now(),
      lastHeard: performance.now(),
    }
    this.connection = c
    session.on('connect', () => {
      session.socket.setNoDelay(true)
      c.connectingSince = null
      this.stateNow = 'binding'
      c.bindSentAt = performance.now()
      this.send(
        c,
        new PDU('bind_transceiver', {
          system_id: this.account.systemId,
          password: this.account.password,
          system_type: this.account.systemType,
          interface_version: 0x34,
        }),
      )
    })
    session.on('pdu', (pdu: Pdu) => this.receive(c, pdu))
    session.on('error', (error: Error & { code?: string }) => {
      if (error.code === undefined) {
        this.problem('garbage', `not SMPP from the SMSC: ${error.message}`)
      } else if (!c.bound && c.bindSentAt === null) {
        this.problem('connection_failed', `${this.account.host}:${this.account.port}: ${error.message}`)
      }
      session.destroy()
    })
    session.socket.on('close', () => this.closed(c))
  }

  private receive(c: Connection, pdu: Pdu): void {
    if (this.connection !== c) return
    c.lastHeard = performance.now()
    switch (pdu.command) {
      case 'bind_transceiver_resp':
        return this.bindAnswered(c, pdu)
      case 'submit_sm_resp':
        return this.submitAnswered(c, pdu)
      case 'enquire_link_resp':
        if (c.enquire?.sequence === pdu.sequence_number) c.enquire = null
        return
      case 'enquire_link':
        this.send(c, pdu.response())
        return
      case 'unbind_resp':
        return
      case 'deliver_sm':
        this.send(c, pdu.response())
        try {
          this.options.onDeliver(pdu)
        } catch (error) {
          // thrown here it would escape the socket's read and end the process
          this.problem('unexpected_pdu', `a deliver_sm could not be handled: ${String(error)}`)
        }
        return
      case 'unbind':
        this.send(c, pdu.response())
        this.problem('connection_lost', 'the SMSC unbound')
        c.session.close()
        return
      case 'generic_nack': {
        const waiting = c.outstanding.get(pdu.sequence_number)
        this.problem('unexpected_pdu', `generic_nack ${statusName(pdu.command_status)} from the SMSC`)
        if (waiting) {
          c.outstanding.delete(pdu.sequence_number)
          waiting.submission.answered({ ok: false, status: statusName(pdu.command_status) })
        }
        return
      }
      case 'unknown':
        this.problem('unexpected_pdu', `unknown command 0x${pdu.command_id.toString(16)} from the SMSC`)
        this.send(c, pdu.response())
        return
      default:
        this.problem('unexpected_pdu', `${pdu.command} from the SMSC`)
        if (!pdu.isResponse()) {
          this.send(
            c,
            new PDU('generic_nack', {
              sequence_number: pdu.sequence_number,
              command_status: errors['ESME_RINVCMDID'],
            }),
          )
        }
    }
  }

  private bindAnswered(c: Connection, pdu: Pdu): void {
    c.bindSentAt = null
    if (pdu.command_status !== 0) {
      this.problem(
        'bind_refused',
        `${statusName(pdu.command_status)}: the SMSC refused the bind of system_id ${this.account.systemId}`,
      )
      c.session.destroy()
      return
    }
    c.bound = true
    this.stateNow = 'bound'
    this.backoffMs = this.options.reconnectInitialMs
    this.pump()
  }

  private submitAnswered(c: Connection, pdu: Pdu): void {
    const waiting = c.outstanding.get(pdu.sequence_number)
    if (!waiting) return
    c.outstanding.delete(pdu.sequence_number)
    const { submission } = waiting
    const status = pdu.command_status
    if (status === errors['ESME_RTHROTTLED'] || status === errors['ESME_RMSGQFUL']) {
      // not a refusal of the message: slow down (once per pause, however many answers say so)
      // and send it again
      if (performance.now() >= this.pausedUntil) {
        const rate = Math.max(1, Math.floor(this.bucket.currentRate / 2))
        this.problem('throttled', `${statusName(status)}: submitting at ${rate}/s for now`)
        this.bucket.setRate(rate)
      }
      this.bucket.drain()
      this.pausedUntil = performance.now() + this.options.throttlePauseMs
      this.queue.unshift(submission)
    } else if (status === 0) {
      const rate = this.bucket.currentRate
      if (rate < this.account.ratePerSecond) {
        this.bucket.setRate(
          Math.min(this.account.ratePerSecond, rate + Math.max(1, this.account.ratePerSecond / 20)),
        )
      }
      submission.answered({
        ok: true,
        messageId: typeof pdu['message_id'] === 'string' ? pdu['message_id'] : '',
      })
    } else {
      submission.answered({ ok: false, status: statusName(status) })
    }
    this.pump()
  }

  private pump(): void {
    const c = this.connection
    if (!c?.bound || this.pumpTimer) return
    while (c.outstanding.size < this.account.window && this.queue.length > 0) {
      const wait = Math.max(this.pausedUntil - performance.now(), this.bucket.waitMs())
      if (wait > 0) {
        this.pumpTimer = setTimeout(() => {
          this.pumpTimer = null
          this.pump()
        }, wait)
        return
      }
      const submission = this.queue.shift()!
      if (submission.cancelled) continue
      this.bucket.take()
      submission.attempts += 1
      const pdu = new PDU('submit_sm', { ...submission.fields })
      if (!this.send(c, pdu)) {
        this.queue.unshift(submission)
        return
      }
      c.outstanding.set(pdu.sequence_number, { submission, sentAt: performance.now() })
    }
  }

  private send(c: Connection, pdu: Pdu): boolean {
    if (!pdu.isResponse()) {
      c.sequence = (c.sequence % 0x7ffffffe) + 1
      pdu.sequence_number = c.sequence
    }
    return c.session.send(pdu)
  }

  /** Answers that take too long mean a broken link; a quiet link is asked whether it is alive. */
  private check(): void {
    const c = this.connection
    if (!c) return
    const now = performance.now()
    const limit = this.account.responseTimeoutSeconds * 1000
    const oldest = Math.min(
      ...[...c.outstanding.values()].map((o) => o.sentAt),
      c.enquire?.sentAt ?? Infinity,
      c.bindSentAt ?? Infinity,
      c.connectingSince ?? Infinity,
    )
    if (now - oldest > limit) {
      this.problem('no_answer', `no answer from the SMSC within ${this.account.responseTimeoutSeconds} s`)
      c.session.destroy()
      return
    }
    if (c.bound && c.enquire === null && now - c.lastHeard > this.account.enquireLinkSeconds * 1000) {
      const pdu = new PDU('enquire_link')
      if (this.send(c, pdu)) c.enquire = { sequence: pdu.sequence_number, sentAt: now }
    }
  }

  private closed(c: Connection): void {
    if (this.connection !== c) return
    this.connection = null
    if (this.pumpTimer) {
      clearTimeout(this.pumpTimer)
      this.pumpTimer = null
    }
    // what was sent and not answered goes back first, in the order it was sent
    const unanswered = [...c.outstanding.entries()].sort(([a], [b]) => a - b).map(([, o]) => o.submission)
    c.outstanding.clear()
    this.queue.unshift(...unanswered)
    if (this.closing) return
    if (c.bound)
      this.problem('connection_lost', `the connection to ${this.account.host}:${this.account.port} ended`)
    this.stateNow = 'waiting'
    const delay = this.backoffMs
    this.backoffMs = Math.min(this.options.reconnectMaxMs, this.backoffMs * 2)
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      this.open()
    }, delay)
  }

  private problem(kind: SmsProblemKind, detail: string): void {
    this.options.onProblem({ operator: this.account.id, kind, detail, at: new Date() })
  }
}
