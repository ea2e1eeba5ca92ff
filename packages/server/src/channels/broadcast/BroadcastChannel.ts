import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import {
  broadcastCapParameters,
  broadcastRequest,
  type BroadcastRequest,
  type CapAlert,
  type CapInfo,
} from '@liaison/core'
import { writeCap } from '@liaison/formats'
import { retryDelayMs } from '../../runtime/retryDelayMs.ts'
import { retryAfterMs } from '../retryAfterMs.ts'
import type { BroadcastOperator } from './broadcastOperators.ts'

/**
 * What one operator's broadcast centre did with one CAP message. `accepted`: it broadcasts (or,
 * for a Cancel, stopped), with the cells it named; `refused`: it said no (4xx), with its reason;
 * `failed`: 5xx, 429 or no answer on every attempt; `not_sent`: the message is not one to
 * broadcast (a core refusal: Draft, below the EU-Alert levels, too long, no area).
 */
export interface BroadcastOutcome {
  readonly operator: string
  readonly identifier: string
  readonly msgType: 'Alert' | 'Update' | 'Cancel' | 'Ack' | 'Error'
  readonly state: 'accepted' | 'refused' | 'failed' | 'not_sent'
  readonly at: Date
  readonly attempts: number
  /** The EU-Alert message identifiers sent, the national language first. */
  readonly messageIds: readonly number[]
  /** The centre's own reference for this broadcast. */
  readonly reference?: string
  /** For an Update or a Cancel: the centre's references of the broadcasts it replaced or stopped. */
  readonly replaces?: readonly string[]
  /** The cells the centre broadcasts to (or stopped), as it names them. */
  readonly cells?: readonly string[]
  /** The centre's words (refused, failed), or the core refusal (`BroadcastRefusal`) when not sent. */
  readonly reason?: string
}

export interface BroadcastChannel {
  /** Sends one CAP message to every operator at once; resolves with each operator's outcome. */
  send(alert: CapAlert): Promise<BroadcastOutcome[]>
  /** Every outcome so far, in the order they came. */
  readonly outcomes: readonly BroadcastOutcome[]
  onOutcome(listener: (outcome: BroadcastOutcome) => void): () => void
  /** Gives up requests in flight and waits (their outcome: failed, `channel closed`). */
  close(): Promise<void>
}

const maxAnswer = 256 * 1024
const maxCells = 100_000

/**
 * The operator broadcast channel: CAP 1.2 over HTTPS POST to each operator's cell-broadcast
 * centre, each info block carrying its EU-Alert message identifier and pages as parameters
 * (decision 041). 5xx, 429 and silence are retried with back-off; 4xx is a refusal.
 */
export function createBroadcastChannel(operators: readonly BroadcastOperator[]): BroadcastChannel {
  const outcomes: BroadcastOutcome[] = []
  const listeners = new Set<(outcome: BroadcastOutcome) => void>()
  const closing = new AbortController()
  /** Per operator, the centre's reference of each CAP message it accepted (`sender,identifier,sent`). */
  const references = new Map<string, Map<string, string>>()
  const agents = new Map(
    operators.map((o) => [
      o.id,
      o.url.startsWith('https:')
        ? new HttpsAgent({ keepAlive: true, ...(o.ca === undefined ? {} : { ca: o.ca }) })
        : new HttpAgent({ keepAlive: true }),
    ]),
  )

  const record = (outcome: BroadcastOutcome): BroadcastOutcome => {
    outcomes.push(outcome)
    for (const listener of listeners) listener(outcome)
    return outcome
  }

  const sendTo = async (operator: BroadcastOperator, alert: CapAlert): Promise<BroadcastOutcome> => {
    const base = { operator: operator.id, identifier: alert.identifier, msgType: alert.msgType }
    const request = broadcastRequest(alert, operator)
    if (!request.ok)
      return record({
        ...base,
        state: 'not_sent',
        at: new Date(),
        attempts: 0,
        messageIds: [],
        reason: request.error,
      })
    const messageIds = request.value.texts.map((t) => t.messageId)
    const known = references.get(operator.id) ?? new Map<string, string>()
    references.set(operator.id, known)
    const replaces = request.value.references
      .map((r) => known.get(`${r.sender},${r.identifier},${r.sent}`))
      .filter((r) => r !== undefined)
    const extra = alert.msgType === 'Alert' ? {} : { replaces }
    const xml = writeCap(withBroadcastParameters(alert, request.value))
    if (!xml.ok)
      return record({
        ...base,
        state: 'not_sent',
        at: new Date(),
        attempts: 0,
        messageIds,
        reason: 'cap_invalid',
      })
    let reason = ''
    for (let attempt = 1; attempt <= operator.attempts; attempt++) {
      if (closing.signal.aborted) {
        reason = 'channel closed'
        return record({
          ...base,
          ...extra,
          state: 'failed',
          at: new Date(),
          attempts: attempt - 1,
          messageIds,
          reason,
        })
      }
      const answer = await post(operator, xml.value, agents.get(operator.id), closing.signal)
      if (answer.kind === 'accepted') {
        known.set(`${alert.sender},${alert.identifier},${alert.sent}`, answer.reference)
        return record({
          ...base,
          ...extra,
          state: 'accepted',
          at: new Date(),
          attempts: attempt,
          messageIds,
          reference: answer.reference,
          cells: answer.cells,
        })
      }
      if (answer.kind === 'refused')
        return record({
          ...base,
          ...extra,
          state: 'refused',
          at: new Date(),
          attempts: attempt,
          messageIds,
          reason: answer.reason,
        })
      reason = answer.reason
      if (attempt < operator.attempts) {
        const wait = Math.min(
          operator.retryMaxMs,
          answer.retryAfterMs ??
            retryDelayMs(attempt, { firstMs: operator.retryFirstMs, maxMs: operator.retryMaxMs }),
        )
        await sleep(wait, closing.signal)
      }
    }
    return record({
      ...base,
      ...extra,
      state: 'failed',
      at: new Date(),
      attempts: operator.attempts,
      messageIds,
      reason,
    })
  }

  return {
    send: (alert) => Promise.all(operators.map((operator) => sendTo(operator, alert))),
    outcomes,
    onOutcome(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      closing.abort()
      for (const agent of agents.values()) agent.destroy()
      await Promise.resolve()
    },
  }
}

/** The alert as sent to one operator: each info block with its identifier, encoding and pages. */
export function withBroadcastParameters(alert: CapAlert, request: BroadcastRequest): CapAlert {
  return {
    ...alert,
    info: alert.info.map((info, index): CapInfo => {
      const language = info.language ?? 'en-US'
      const text = request.texts.find((t) => t.language === language) ?? request.texts[index]
      if (text === undefined) return info
      const ours = new Set<string>(Object.values(broadcastCapParameters))
      return {
        ...info,
        parameter: [
          ...info.parameter.filter((p) => !ours.has(p.valueName)),
          { valueName: broadcastCapParameters.messageIdentifier, value: String(text.messageId) },
          { valueName: broadcastCapParameters.encoding, value: text.encoding },
          ...text.pages.map((page) => ({ valueName: broadcastCapParameters.page, value: page })),
        ],
      }
    }),
  }
}

type Answer =
  | { kind: 'accepted'; reference: string; cells: string[] }
  | { kind: 'refused'; reason: string }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }

function post(
  operator: BroadcastOperator,
  xml: string,
  agent: HttpAgent | undefined,
  signal: AbortSignal,
): Promise<Answer> {
  return new Promise((resolve) => {
    const url = new URL(operator.url)
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const body = Buffer.from(xml, 'utf8')
    const req = send(
      url,
      {
        method: 'POST',
        agent,
        signal,
        headers: {
          'content-type': 'application/cap+xml; charset=utf-8',
          'content-length': body.length,
          accept: 'application/json',
          ...(operator.token === undefined ? {} : { authorization: `Bearer ${operator.token}` }),
        },
      },
      (res) => {
        readAnswer(res)
          .then((text) => resolve(answerOf(res, text)))
          .catch((error: unknown) => resolve({ kind: 'retry', reason: describeError(error) }))
      },
    )
    req.setTimeout(operator.timeoutMs, () =>
      req.destroy(new Error(`no answer within ${operator.timeoutMs} ms`)),
    )
    req.on('error', (error) => resolve({ kind: 'retry', reason: describeError(error) }))
    req.end(body)
  })
}

async function readAnswer(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxAnswer) throw new Error(`an answer over ${maxAnswer} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function answerOf(res: IncomingMessage, text: string): Answer {
  const status = res.statusCode ?? 0
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  const fields = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {}
  const words = (typeof fields['reason'] === 'string' ? fields['reason'] : text).slice(0, 300)
  if (status >= 200 && status < 300) {
    const reference = fields['reference']
    const cells = fields['cells']
    if (
      typeof reference !== 'string' ||
      reference === '' ||
      !Array.isArray(cells) ||
      cells.length > maxCells ||
      cells.some((c) => typeof c !== 'string')
    )
      return { kind: 'retry', reason: `HTTP ${status} without a reference and cells` }
    return { kind: 'accepted', reference: reference.slice(0, 200), cells: cells as string[] }
  }
  if (status === 429 || status >= 500) {
    const after = retryAfterMs(
      typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : undefined,
      new Date(),
    )
    return {
      kind: 'retry',
      reason: `HTTP ${status}: ${words}`.trim(),
      ...(after === null ? {} : { retryAfterMs: after }),
    }
  }
  return { kind: 'refused', reason: `HTTP ${status}: ${words}`.trim() }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done)
  })
}
