import type { Pdu } from 'smpp'
import {
  checkPhoneNumber,
  chooseOperator,
  readConcatenation,
  readDeliveryReceipt,
  smsParts,
} from '@liaison/core'
import type { SmsParts } from '@liaison/core'
import type { Channel, DeliveryOutcome, InboundMessage, OutgoingMessage } from '../Channel.ts'
import type { LinkState, SmsProblem, SubmitAnswer, Submission } from './SmppLink.ts'
import { SmppLink } from './SmppLink.ts'
import { MessageIdIndex } from './messageIdIndex.ts'
import type { SmsOperators } from './smsOperators.ts'

/** Long replies whose parts are awaited at once, at most (a misbehaving SMSC cannot fill memory). */
const maxPartialReplies = 1000

export interface SmppChannelOptions {
  /** Milliseconds before the first reconnection; doubled on each failure up to `reconnectMaxMs`. */
  readonly reconnectInitialMs?: number
  readonly reconnectMaxMs?: number
  readonly throttlePauseMs?: number
  /**
   * How long a message may wait for its submission (an SMSC down, binds refused) before its
   * outcome is `failed`, with the last problem as its reason.
   */
  readonly submitDeadlineMs?: number
  readonly now?: () => Date
}

interface Tracked {
  readonly id: string
  /** Receipts still awaited, by the part's message_id. */
  readonly waiting: Set<string>
  networkRef: string
  /** Every part answered: its `submitted` outcome is given. */
  complete: boolean
  /** The final outcome from receipts, when it came before `complete`. */
  early: DeliveryOutcome | null
}

/**
 * SMS over SMPP 3.4: one transceiver bind per operator account (`SmppLink`), the operator of
 * each number chosen by `chooseOperator` (prefixes, ported numbers), each text in GSM-7 or
 * UCS-2 and split with a concatenation header when long (`smsParts`), delivery receipts matched
 * back to our ids, and mobile-originated messages (STOP) handed to `onInbound`.
 *
 * A message's outcome is `submitted` once the SMSC answered every part with a message_id,
 * `failed` when it refused one (or the deadline passed), then `delivered`, `expired` or `failed`
 * from the receipts (all parts delivered, or the first that was not).
 */
export class SmppChannel implements Channel {
  readonly kind = 'sms' as const
  private readonly links = new Map<string, SmppLink>()
  private readonly outcomeListeners = new Set<(outcome: DeliveryOutcome) => void>()
  private readonly inboundListeners = new Set<(message: InboundMessage) => void>()
  private readonly problemListeners = new Set<(problem: SmsProblem) => void>()
  private readonly byNetworkRef = new MessageIdIndex<Tracked>()
  private readonly lastProblem = new Map<string, SmsProblem>()
  /** Parts of long replies, until the last arrives (the oldest forgotten beyond `maxPartialReplies`). */
  private readonly partialReplies = new Map<string, Map<number, string>>()
  private reference = 0
  private closed = false
  /** Stops each submission under way (on close). */
  private readonly pending = new Set<() => void>()
  private readonly deadlineMs: number
  private readonly now: () => Date

  constructor(
    private readonly operators: SmsOperators,
    options: SmppChannelOptions = {},
  ) {
    this.deadlineMs = options.submitDeadlineMs ?? 10 * 60_000
    this.now = options.now ?? (() => new Date())
    for (const account of operators.operators) {
      this.links.set(
        account.id,
        new SmppLink(account, {
          reconnectInitialMs: options.reconnectInitialMs ?? 1000,
          reconnectMaxMs: options.reconnectMaxMs ?? 60_000,
          throttlePauseMs: options.throttlePauseMs ?? 1000,
          onProblem: (problem) => {
            this.lastProblem.set(problem.operator, problem)
            notify(this.problemListeners, problem)
          },
          onDeliver: (pdu) => this.delivered(pdu),
        }),
      )
    }
  }

  async send(batch: readonly OutgoingMessage[]): Promise<DeliveryOutcome[]> {
    return Promise.all(batch.map((message) => this.sendOne(message)))
  }

  onOutcome(listener: (outcome: DeliveryOutcome) => void): () => void {
    this.outcomeListeners.add(listener)
    return () => this.outcomeListeners.delete(listener)
  }

  onInbound(listener: (message: InboundMessage) => void): () => void {
    this.inboundListeners.add(listener)
    return () => this.inboundListeners.delete(listener)
  }

  /** What goes wrong with an SMSC (a refused bind, a lost connection, throttling), as it happens. */
  onProblem(listener: (problem: SmsProblem) => void): () => void {
    this.problemListeners.add(listener)
    return () => this.problemListeners.delete(listener)
  }

  /** Each operator's link now. */
  status(): Record<string, { state: LinkState; queued: number; outstanding: number; ratePerSecond: number }> {
    return Object.fromEntries([...this.links].map(([id, link]) => [id, link.status()]))
  }

  /** Unbinds every link; a message not yet submitted has the outcome `failed`. */
  async close(): Promise<void> {
    this.closed = true
    for (const stop of [...this.pending]) stop()
    await Promise.all([...this.links.values()].map((link) => link.close()))
  }

  private async sendOne(message: OutgoingMessage): Promise<DeliveryOutcome> {
    const failed = (reason: string): DeliveryOutcome => ({
      id: message.id,
      state: 'failed',
      at: this.now(),
      reason,
    })
    if (message.channel !== 'sms') return failed(`not an SMS (${message.channel})`)
    if (this.closed) return failed('the SMS channel is closed')
    const number = checkPhoneNumber(message.to)
    if (!number.ok) return failed(number.error)
    const operator = chooseOperator(number.value, this.operators)
    const link = operator === null ? undefined : this.links.get(operator)
    if (!link) return failed('no operator carries this number')
    if (message.text === '') return failed('the text is empty')
    this.reference = (this.reference + 1) & 0xff
    const sms = smsParts(message.text, this.reference)
    if (!sms) return failed('the text needs more than 255 SMS parts')
    const tracked: Tracked = {
      id: message.id,
      waiting: new Set(),
      networkRef: '',
      complete: false,
      early: null,
    }
    const answers = await this.submitParts(link, number.value, sms, tracked)
    const refusal = answers.find((a) => !a.ok)
    if (refusal) {
      for (const messageId of tracked.waiting) this.byNetworkRef.delete(messageId)
      return failed(refusal.status)
    }
    tracked.networkRef = answers.map((a) => (a.ok ? a.messageId : '')).join(' ')
    tracked.complete = true
    // a receipt that came before the last part's answer was read is told after `submitted`
    const early = tracked.early
    if (early) setImmediate(() => this.tell({ ...early, networkRef: tracked.networkRef }))
    return { id: message.id, state: 'submitted', at: this.now(), networkRef: tracked.networkRef }
  }

  private submitParts(link: SmppLink, to: string, sms: SmsParts, tracked: Tracked): Promise<SubmitAnswer[]> {
    const source = link.account.sourceAddr
    const alphanumeric = /[^+\d]/.test(source)
    return new Promise((resolve) => {
      const answers: SubmitAnswer[] = new Array<SubmitAnswer>(sms.parts.length)
      let left = sms.parts.length
      const submissions: Submission[] = []
      const give = (status: string) => {
        clearTimeout(timer)
        this.pending.delete(stop)
        for (const s of submissions) s.cancelled = true
        resolve([{ ok: false, status }])
      }
      const timer = setTimeout(() => {
        const last = this.lastProblem.get(link.account.id)
        const why = last ? `${last.kind}: ${last.detail}` : 'no answer'
        give(`not submitted within ${Math.round(this.deadlineMs / 1000)} s (${why})`)
      }, this.deadlineMs)
      const stop = () => give('the SMS channel was closed before the message was submitted')
      this.pending.add(stop)
      sms.parts.forEach((part, i) => {
        const submission: Submission = {
          fields: {
            source_addr_ton: alphanumeric ? 5 : 1,
            source_addr_npi: alphanumeric ? 0 : 1,
            source_addr: source.replace(/^\+/, ''),
            dest_addr_ton: 1,
            dest_addr_npi: 1,
            destination_addr: to.slice(1),
            esm_class: sms.udh ? 0x40 : 0,
            registered_delivery: 1,
            data_coding: sms.dataCoding,
            short_message: Buffer.from(part),
          },
          cancelled: false,
          attempts: 0,
          answered: (answer) => {
            if (answers[i] !== undefined || submission.cancelled) return
            answers[i] = answer
            // known at once: its receipt may be the very next PDU read
            if (answer.ok) {
              tracked.waiting.add(answer.messageId)
              this.byNetworkRef.set(answer.messageId, tracked)
            }
            left -= 1
            if (left === 0) {
              clearTimeout(timer)
              this.pending.delete(stop)
              resolve(answers)
            }
          },
        }
        submissions.push(submission)
      })
      for (const submission of submissions) link.submit(submission)
    })
  }

  private delivered(pdu: Pdu): void {
    const esmClass = Number(pdu['esm_class'] ?? 0)
    const decoded = pdu['short_message'] as { message?: unknown } | undefined
    const text = typeof decoded?.message === 'string' ? decoded.message : ''
    // esm_class bits 2-5: 0001 is an SMSC delivery receipt
    if ((esmClass & 0x3c) === 0x04) return this.receipt(pdu, text)
    const source = typeof pdu['source_addr'] === 'string' ? pdu['source_addr'] : ''
    const from = source.startsWith('+') ? source : `+${source}`
    const udh = (pdu['short_message'] as { udh?: Uint8Array[] } | undefined)?.udh
    const concat = udh ? readConcatenation(udh) : null
    let whole = text
    if (concat !== null && concat.total > 1) {
      // a long reply: told once its last part is here
      const key = [from, concat.referenceBits, concat.reference, concat.total].join('|')
      const parts = this.partialReplies.get(key) ?? new Map<number, string>()
      this.partialReplies.delete(key)
      parts.set(concat.sequence, text)
      if (parts.size < concat.total) {
        this.partialReplies.set(key, parts)
        if (this.partialReplies.size > maxPartialReplies) {
          this.partialReplies.delete(this.partialReplies.keys().next().value!)
        }
        return
      }
      whole = [...parts.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, part]) => part)
        .join('')
    }
    notify<InboundMessage>(this.inboundListeners, { channel: 'sms', from, text: whole, at: this.now() })
  }

  private receipt(pdu: Pdu, text: string): void {
    const read = readDeliveryReceipt(text)
    const tlvId = typeof pdu['receipted_message_id'] === 'string' ? pdu['receipted_message_id'] : undefined
    const messageId = tlvId ?? read?.messageId
    if (messageId === undefined) return
    // the id as the submit's answer gave it, else in the other base (hexadecimal or decimal)
    const known = this.byNetworkRef.find(messageId)
    const tracked = known === undefined ? undefined : this.byNetworkRef.get(known)
    if (known === undefined || !tracked) return
    const state = read?.state ?? 'delivered'
    if (state === 'pending') return
    this.byNetworkRef.delete(known)
    tracked.waiting.delete(known)
    if (state === 'delivered' && tracked.waiting.size > 0) return
    // the message's outcome is final: forget its other parts
    for (const other of tracked.waiting) this.byNetworkRef.delete(other)
    tracked.waiting.clear()
    const outcome: DeliveryOutcome = {
      id: tracked.id,
      state,
      at: this.now(),
      networkRef: tracked.networkRef,
      ...(state === 'delivered' ? {} : { reason: `${read?.stat ?? 'UNKNOWN'} err:${read?.err ?? '?'}` }),
    }
    if (tracked.complete) this.tell(outcome)
    else tracked.early = outcome
  }

  private tell(outcome: DeliveryOutcome): void {
    notify(this.outcomeListeners, outcome)
  }
}

/**
 * Calls each listener; one that throws does not keep the others from hearing, and cannot end
 * the process from inside a socket's event (its error is its own to handle).
 */
function notify<T>(listeners: ReadonlySet<(value: T) => void>, value: T): void {
  for (const listener of listeners) {
    try {
      listener(value)
    } catch {
      // the listener's own failure
    }
  }
}
