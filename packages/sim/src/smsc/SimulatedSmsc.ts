import type { AddressInfo } from 'node:net'
import type { Pdu, Server, Session } from 'smpp'
import smpp from 'smpp'
import type { Concatenation } from '@liaison/core'
import { readConcatenation, smsParts } from '@liaison/core'
import { seededRandom } from '../seededRandom.ts'

const { PDU, createServer, errors } = smpp

/**
 * A simulated SMSC: an SMPP 3.4 server (the `smpp` package) standing in for a mobile operator
 * in the tests and the demo. It binds transceivers with one system_id and password, answers
 * submit_sm with a message_id, sends delivery receipts after a latency, throttles above a rate,
 * fails given numbers, drops connections or stays silent on request, reassembles concatenated
 * messages, counts duplicates, and sends mobile-originated messages. Its randomness is seeded.
 */
export interface SmscBehaviour {
  /** Milliseconds between a submit and its receipt, plus up to `receiptJitterMs` (seeded). */
  readonly receiptLatencyMs: number
  readonly receiptJitterMs: number
  /** submit_sm accepted per second (one-second windows); above it ESME_RTHROTTLED. */
  readonly maxSubmitsPerSecond: number
  /** Numbers that fail at this rate (0-1): refused at submit (ESME_RINVDSTADR) or in the receipt (UNDELIV). */
  readonly failures: readonly {
    readonly number: string
    readonly rate: number
    readonly at: 'submit' | 'receipt'
  }[]
  /**
   * Drop each connection after it carried `afterPdus` submit_sm, at most `times` times in all.
   * `answerLast`: the last one is answered before the drop (the drop falls between PDUs); else
   * it is taken but never answered (a resend of it is a duplicate).
   */
  readonly drop: { readonly afterPdus: number; readonly answerLast: boolean; readonly times: number } | null
  /** Binds are answered, nothing else is (submit_sm, enquire_link). */
  readonly silent: boolean
  /** Every bind is refused (ESME_RBINDFAIL), whatever its password. */
  readonly refuseBinds: boolean
  /** How receipts write the message_id the submit was answered with (hexadecimal): as is, or in decimal, as many SMSCs do. */
  readonly receiptIds: 'same' | 'decimal'
}

export interface SmscOptions extends Partial<SmscBehaviour> {
  readonly systemId: string
  readonly password: string
  readonly host?: string
  /** 0 (the default): a free port. */
  readonly port?: number
  readonly seed?: number
}

/** A whole message as the SMSC received it: a single part, or the parts of a concatenation. */
export interface SmscMessage {
  readonly from: string
  readonly to: string
  readonly text: string
  readonly encoding: 'gsm7' | 'ucs2' | 'other'
  readonly dataCoding: number
  readonly parts: number
  /** The message_id given to each part, in part order. */
  readonly messageIds: readonly string[]
  /** The concatenation header's reference size, when it had parts. */
  readonly referenceBits: 8 | 16 | null
  readonly at: Date
}

export interface SmscStats {
  readonly binds: number
  readonly bindsRefused: number
  /** submit_sm answered with a message_id. */
  readonly submits: number
  /** submit_sm identical to one taken before (same source, destination, coding, header and text). */
  readonly duplicates: number
  readonly throttled: number
  readonly refused: number
  readonly receiptsSent: number
  readonly moSent: number
  readonly drops: number
  /** Connections closed because what arrived was not SMPP. */
  readonly garbage: number
}

const defaults: SmscBehaviour = {
  receiptLatencyMs: 20,
  receiptJitterMs: 0,
  maxSubmitsPerSecond: Number.POSITIVE_INFINITY,
  failures: [],
  drop: null,
  silent: false,
  refuseBinds: false,
  receiptIds: 'same',
}

interface Connection {
  readonly session: Session
  bound: boolean
  submits: number
  /** Once a drop is decided, nothing more it sends is read. */
  dropping: boolean
  sequence: number
  /** deliver_sm sent and not yet answered: sent again on another bind if this one ends. */
  readonly unanswered: Map<number, Pdu>
}

interface PartialMessage {
  readonly parts: Map<number, { text: string; messageId: string }>
  readonly concat: Concatenation
}

export class SimulatedSmsc {
  private readonly server: Server
  private readonly connections = new Set<Connection>()
  private readonly random: () => number
  private behaviour: SmscBehaviour
  private readonly messages: SmscMessage[] = []
  private readonly partials = new Map<string, PartialMessage>()
  private readonly seen = new Set<string>()
  private readonly waitingForBind: Pdu[] = []
  private readonly timers = new Set<NodeJS.Timeout>()
  private windowSecond = 0
  private windowCount = 0
  private nextMessageId = 1
  private dropsLeft = 0
  private counts = {
    binds: 0,
    bindsRefused: 0,
    submits: 0,
    duplicates: 0,
    throttled: 0,
    refused: 0,
    receiptsSent: 0,
    moSent: 0,
    drops: 0,
    garbage: 0,
  }

  private constructor(private readonly options: SmscOptions) {
    this.random = seededRandom(options.seed ?? 1)
    this.behaviour = { ...defaults }
    const { systemId: _s, password: _p, host: _h, port: _port, seed: _seed, ...behaviour } = options
    this.configure(behaviour)
    this.server = createServer({}, (session) => this.accept(session))
  }

  /** Starts an SMSC listening on `host:port` (127.0.0.1 and a free port by default). */
  static async start(options: SmscOptions): Promise<SimulatedSmsc> {
    const smsc = new SimulatedSmsc(options)
    await new Promise<void>((resolve, reject) => {
      smsc.server.once('error', reject)
      smsc.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
    })
    return smsc
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  /** Changes how it behaves from now on (a new `drop` restarts its count). */
  configure(change: Partial<SmscBehaviour>): void {
    this.behaviour = { ...this.behaviour, ...stripUndefined(change) }
    if (change.drop !== undefined) {
      this.dropsLeft = change.drop?.times ?? 0
      for (const c of this.connections) c.submits = 0
    }
  }

  /** The whole messages received, in the order they were completed. */
  received(): readonly SmscMessage[] {
    return [...this.messages]
  }

  stats(): SmscStats {
    return { ...this.counts }
  }

  /** Transceivers bound now. */
  boundSessions(): number {
    return [...this.connections].filter((c) => c.bound).length
  }

  /** Sends a mobile-originated message (a reply such as STOP) to the first bound transceiver. */
  sendMo(message: { readonly from: string; readonly to: string; readonly text: string }): boolean {
    const connection = [...this.connections].find((c) => c.bound && !c.dropping)
    const sms = smsParts(message.text, this.nextMessageId & 0xff)
    if (!connection || !sms) return false
    for (const part of sms.parts) {
      this.send(
        connection,
        new PDU('deliver_sm', {
          source_addr_ton: 1,
          source_addr_npi: 1,
          source_addr: message.from.replace(/^\+/, ''),
          dest_addr_ton: 1,
          dest_addr_npi: 1,
          destination_addr: message.to.replace(/^\+/, ''),
          esm_class: sms.udh ? 0x40 : 0,
          data_coding: sms.dataCoding,
          short_message: Buffer.from(part),
        }),
      )
    }
    this.counts.moSent += 1
    return true
  }

  /** Writes bytes that are not SMPP to every connection (an HTTP request, by default). */
  sendGarbage(bytes: Uint8Array = Buffer.from('GET / HTTP/1.1\r\nHost: smsc\r\n\r\n')): void {
    for (const c of this.connections) c.session.socket.write(bytes)
  }

  /** Cuts every connection at once, without an unbind. */
  dropConnections(): void {
    for (const c of this.connections) c.session.destroy()
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    for (const c of this.connections) c.session.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private accept(session: Session): void {
    const connection: Connection = {
      session,
      bound: false,
      submits: 0,
      dropping: false,
      sequence: 0,
      unanswered: new Map(),
    }
    this.connections.add(connection)
    session.socket.setNoDelay(true)
    session.on('pdu', (pdu: Pdu) => {
      if (!connection.dropping) this.receive(connection, pdu)
    })
    session.on('error', (error: Error) => {
      // a socket's own errors carry a code (ECONNRESET); the smpp package's parse errors do not
      if (!('code' in error)) this.counts.garbage += 1
      session.destroy()
    })
    session.socket.on('close', () => {
      this.connections.delete(connection)
      // a receipt or reply the client did not answer is kept for its next bind, like an SMSC
      const again = [...connection.unanswered.values()]
      connection.unanswered.clear()
      const other = [...this.connections].find((o) => o.bound && !o.dropping)
      for (const pdu of again) {
        if (other) this.send(other, pdu)
        else this.waitingForBind.push(pdu)
      }
    })
  }

  private receive(c: Connection, pdu: Pdu): void {
    switch (pdu.command) {
      case 'bind_transceiver':
        return this.bind(c, pdu)
      case 'bind_transmitter':
      case 'bind_receiver':
        this.counts.bindsRefused += 1
        return this.answer(c, pdu.response({ command_status: errors['ESME_RBINDFAIL'] }))
      case 'submit_sm':
        return this.submit(c, pdu)
      case 'enquire_link':
        if (!this.behaviour.silent) this.answer(c, pdu.response())
        return
      case 'unbind':
        this.answer(c, pdu.response())
        c.bound = false
        c.session.close()
        return
      case 'unknown':
        return this.answer(c, pdu.response())
      case 'deliver_sm_resp':
        c.unanswered.delete(pdu.sequence_number)
        return
      default:
        if (pdu.isResponse()) return
        // a command an SMSC does not take from an ESME (deliver_sm, outbind …)
        return this.answer(
          c,
          new PDU('generic_nack', {
            sequence_number: pdu.sequence_number,
            command_status: errors['ESME_RINVCMDID'],
          }),
        )
    }
  }

  private bind(c: Connection, pdu: Pdu): void {
    const matches = pdu['system_id'] === this.options.systemId && pdu['password'] === this.options.password
    if (this.behaviour.refuseBinds || !matches || c.bound) {
      this.counts.bindsRefused += 1
      return this.answer(
        c,
        pdu.response({ command_status: c.bound ? errors['ESME_RALYBND'] : errors['ESME_RBINDFAIL'] }),
      )
    }
    c.bound = true
    this.counts.binds += 1
    this.answer(c, pdu.response({ system_id: 'liaison-sim' }))
    for (const receipt of this.waitingForBind.splice(0)) this.send(c, receipt)
  }

  private submit(c: Connection, pdu: Pdu): void {
    if (!c.bound) return this.answer(c, pdu.response({ command_status: errors['ESME_RINVBNDSTS'] }))
    if (this.behaviour.silent) return
    const second = Math.floor(Date.now() / 1000)
    if (second !== this.windowSecond) {
      this.windowSecond = second
      this.windowCount = 0
    }
    if (this.windowCount >= this.behaviour.maxSubmitsPerSecond) {
      this.counts.throttled += 1
      return this.answer(c, pdu.response({ command_status: errors['ESME_RTHROTTLED'] }))
    }
    this.windowCount += 1
    const to = asString(pdu['destination_addr'])
    const from = asString(pdu['source_addr'])
    const failure = this.behaviour.failures.find((f) => f.number.replace(/^\+/, '') === to.replace(/^\+/, ''))
    const fails = failure !== undefined && this.random() < failure.rate
    if (fails && failure.at === 'submit') {
      this.counts.refused += 1
      return this.answer(c, pdu.response({ command_status: errors['ESME_RINVDSTADR'] }))
    }

    const decoded = (pdu['short_message'] ?? {}) as { udh?: Uint8Array[]; message?: unknown }
    const text = typeof decoded.message === 'string' ? decoded.message : ''
    const udh = decoded.udh ?? []
    const dataCoding = Number(pdu['data_coding'] ?? 0)
    const key = [from, to, dataCoding, udh.map((e) => Buffer.from(e).toString('hex')).join('.'), text].join(
      '|',
    )
    const duplicate = this.seen.has(key)
    this.seen.add(key)
    if (duplicate) this.counts.duplicates += 1

    const messageId = (this.nextMessageId++).toString(16).padStart(8, '0')
    c.submits += 1
    const drop = this.behaviour.drop
    const dropsNow = drop !== null && this.dropsLeft > 0 && c.submits >= drop.afterPdus
    if (dropsNow) {
      this.dropsLeft -= 1
      this.counts.drops += 1
      c.dropping = true
    }
    if (!dropsNow || drop.answerLast) {
      this.counts.submits += 1
      this.answer(c, pdu.response({ message_id: messageId }))
    }
    if (dropsNow) {
      // a half-close: what was answered goes first, then FIN. Destroying at once would close a
      // socket with unread data, which sends RST and may lose the answers at the other end.
      // Whatever else arrives is read and ignored; the connection ends when the client closes.
      c.session.socket.end()
      const timer = setTimeout(() => c.session.destroy(), 5000)
      timer.unref()
      c.session.socket.once('close', () => clearTimeout(timer))
    }
    if (!duplicate) this.record(from, to, text, dataCoding, udh, messageId)
    if ((pdu['registered_delivery'] as number | undefined) !== 0 && (!dropsNow || drop.answerLast)) {
      this.receiptLater(c, { from, to, messageId, text, delivered: !fails })
    }
  }

  private record(
    from: string,
    to: string,
    text: string,
    dataCoding: number,
    udh: Uint8Array[],
    messageId: string,
  ): void {
    const encoding = dataCoding === 0 ? 'gsm7' : dataCoding === 8 ? 'ucs2' : 'other'
    const concat = readConcatenation(udh)
    const base = {
      from: `+${from.replace(/^\+/, '')}`,
      to: `+${to.replace(/^\+/, '')}`,
      encoding,
      dataCoding,
    } as const
    if (concat === null || concat.total === 1) {
      this.messages.push({
        ...base,
        text,
        parts: 1,
        messageIds: [messageId],
        referenceBits: concat?.referenceBits ?? null,
        at: new Date(),
      })
      return
    }
    const key = [from, to, concat.referenceBits, concat.reference, concat.total].join('|')
    const partial: PartialMessage = this.partials.get(key) ?? { parts: new Map(), concat }
    this.partials.set(key, partial)
    partial.parts.set(concat.sequence, { text, messageId })
    if (partial.parts.size < concat.total) return
    this.partials.delete(key)
    const ordered = [...partial.parts.entries()].sort(([a], [b]) => a - b).map(([, part]) => part)
    this.messages.push({
      ...base,
      text: ordered.map((p) => p.text).join(''),
      parts: concat.total,
      messageIds: ordered.map((p) => p.messageId),
      referenceBits: concat.referenceBits,
      at: new Date(),
    })
  }

  private receiptLater(
    c: Connection,
    r: { from: string; to: string; messageId: string; text: string; delivered: boolean },
  ): void {
    const delay = this.behaviour.receiptLatencyMs + Math.floor(this.random() * this.behaviour.receiptJitterMs)
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      const stat = r.delivered ? 'DELIVRD' : 'UNDELIV'
      const id = this.behaviour.receiptIds === 'decimal' ? String(parseInt(r.messageId, 16)) : r.messageId
      const date = smppDate(new Date())
      const receipt = new PDU('deliver_sm', {
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: r.to,
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: r.from,
        esm_class: 0x04,
        data_coding: 0,
        short_message: Buffer.from(
          `id:${id} sub:001 dlvrd:${r.delivered ? '001' : '000'} submit date:${date} done date:${date} stat:${stat} err:${r.delivered ? '000' : '001'} text:${r.text.slice(0, 20).replace(/[^A-Za-z0-9 ]/g, '')}`,
          'ascii',
        ),
        receipted_message_id: id,
        message_state: r.delivered ? 2 : 5,
      })
      const target =
        this.connections.has(c) && c.bound && !c.dropping
          ? c
          : [...this.connections].find((o) => o.bound && !o.dropping)
      if (target) this.send(target, receipt)
      else this.waitingForBind.push(receipt)
    }, delay)
    this.timers.add(timer)
  }

  private answer(c: Connection, response: Pdu): void {
    c.session.send(response)
  }

  private send(c: Connection, pdu: Pdu): void {
    c.sequence = (c.sequence % 0x7ffffffe) + 1
    pdu.sequence_number = c.sequence
    if (pdu.command === 'deliver_sm' && pdu['esm_class'] === 0x04) this.counts.receiptsSent += 1
    if (pdu.command === 'deliver_sm') c.unanswered.set(pdu.sequence_number, pdu)
    if (!c.session.send(pdu)) {
      c.unanswered.delete(pdu.sequence_number)
      this.waitingForBind.push(pdu)
    }
  }
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function smppDate(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(at.getUTCFullYear() % 100)}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}${two(at.getUTCHours())}${two(at.getUTCMinutes())}`
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
