import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import {
  broadcastCapParameters,
  cellBroadcastLength,
  euAlertExerciseTestIds,
  parseCapPoint,
} from '@liaison/core'
import { cellGrid, distanceKm, polygonHolds, type SimulatedCell } from './cellGrid.ts'
import { readCapMinimal, type MinimalCap } from './readCapMinimal.ts'

/** One language of a broadcast the centre accepted. */
export interface ReceivedBroadcastText {
  readonly language: string
  readonly messageId: number
  readonly pages: readonly string[]
}

/** A CAP message the centre accepted: what it broadcasts (or stopped), and where. */
export interface ReceivedBroadcast {
  /** `sender,identifier,sent`, as a later `references` names it. */
  readonly key: string
  readonly reference: string
  readonly identifier: string
  readonly status: string
  readonly msgType: string
  readonly texts: readonly ReceivedBroadcastText[]
  readonly cells: readonly string[]
  readonly at: Date
}

/** How the centre answers the next requests instead of taking them. */
export type BroadcastCentreBehaviour =
  | { readonly refuse: string }
  | { readonly fail: 500 | 502 | 503; readonly times?: number }
  /** Reads the request and never answers (until the client gives up). */
  | { readonly silent: true; readonly times?: number }

export interface BroadcastCentreOptions {
  /** TLS key and certificate (PEM): HTTPS when given, plain HTTP otherwise. */
  readonly key?: string | Buffer
  readonly cert?: string | Buffer
  readonly host?: string
  readonly port?: number
  /** The operator's name, the prefix of its cell ids (`proximus-1234`). */
  readonly operator: string
  /** The seed of the cell grid: the same seed, the same cells. */
  readonly seed?: number
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  readonly token?: string
  /** Milliseconds the centre waits before each answer (a slow centre). */
  readonly delayMs?: number
}

export interface SimulatedBroadcastCentre {
  /** `https://host:port/cap` (or `http://`): where CAP is POSTed. */
  readonly url: string
  readonly cells: readonly SimulatedCell[]
  /** Every message accepted, in order. */
  readonly received: readonly ReceivedBroadcast[]
  /** Every request refused or failed, with its status and why. */
  readonly refused: readonly { readonly status: number; readonly reason: string }[]
  /** Requests that arrived, answered or not (retries counted). */
  readonly requests: number
  /** Keys of the broadcasts on air now (accepted, not yet replaced or cancelled). */
  readonly onAir: () => readonly string[]
  behave(behaviour: BroadcastCentreBehaviour | null, delayMs?: number): void
  waitFor(count: number, timeoutMs?: number): Promise<readonly ReceivedBroadcast[]>
  close(): Promise<void>
}

const maxBody = 512 * 1024
const nationalIds = { min: 4370, max: 4381 }
const additionalIds = { min: 4383, max: 4394 }

/**
 * A mobile operator's cell-broadcast centre on loopback: it takes CAP 1.2 over HTTP(S) POST
 * with the message identifier and pages as parameters (decision 041), checks them, and answers
 * with the cells of its seeded grid over the Benelux that it would broadcast to. Update replaces
 * the referenced broadcast, Cancel stops it. It can refuse, be slow, fail or stay silent.
 */
export async function startBroadcastCentre(
  options: BroadcastCentreOptions,
): Promise<SimulatedBroadcastCentre> {
  const cells = cellGrid(options.seed ?? 1, options.operator)
  const received: ReceivedBroadcast[] = []
  const refused: { status: number; reason: string }[] = []
  const byKey = new Map<string, { broadcast: ReceivedBroadcast; answer: object }>()
  const onAir = new Set<string>()
  const waiters: { count: number; resolve: () => void }[] = []
  const sockets = new Set<Socket>()
  let behaviour: { value: BroadcastCentreBehaviour; left: number } | null = null
  let delayMs = options.delayMs ?? 0
  let requests = 0
  let serial = 0

  const answer = (res: ServerResponse, status: number, body: object) => {
    const send = () => {
      if (res.destroyed) return
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (delayMs > 0) setTimeout(send, delayMs)
    else send()
  }
  const refuse = (res: ServerResponse, status: number, reason: string) => {
    refused.push({ status, reason })
    answer(res, status, { state: 'refused', reason })
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    requests++
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > maxBody) return refuse(res, 413, `a CAP message is at most ${maxBody} bytes`)
      chunks.push(chunk)
    }
    if (behaviour && behaviour.left > 0) {
      const now = behaviour.value
      if (!('refuse' in now)) behaviour.left -= 1
      if ('silent' in now) return
      if ('fail' in now) {
        refused.push({ status: now.fail, reason: 'centre unavailable' })
        res.writeHead(now.fail, { 'content-type': 'text/plain' })
        return res.end('centre unavailable')
      }
      return refuse(res, 422, now.refuse)
    }
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/cap')
      return refuse(res, 404, 'POST CAP to /cap')
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`)
      return refuse(res, 401, 'unknown or missing bearer token')
    const cap = readCapMinimal(Buffer.concat(chunks).toString('utf8'))
    if (cap === null) return refuse(res, 400, 'not a CAP 1.2 alert')
    const key = `${cap.sender},${cap.identifier},${cap.sent}`
    const earlier = byKey.get(key)
    // the same message again (a retry whose answer was lost): the same answer
    if (earlier) return answer(res, 200, earlier.answer)
    const checked = check(cap)
    if (typeof checked === 'string') return refuse(res, 422, checked)
    const references = cap.references.trim() === '' ? [] : cap.references.trim().split(/\s+/)
    // an Update or a Cancel takes off air the referenced broadcasts still on it
    const stopped = cap.msgType === 'Alert' ? [] : references.filter((r) => onAir.has(r))
    if (cap.msgType !== 'Alert' && stopped.length === 0)
      return refuse(res, 409, 'references no broadcast on air')
    const covered =
      cap.msgType === 'Cancel'
        ? [...new Set(stopped.flatMap((r) => byKey.get(r)?.broadcast.cells ?? []))]
        : cellsFor(cap)
    if (covered.length === 0) return refuse(res, 422, 'the area covers none of our cells')
    for (const r of stopped) onAir.delete(r)
    serial += 1
    const reference = `${options.operator}-${serial}`
    const broadcast: ReceivedBroadcast = {
      key,
      reference,
      identifier: cap.identifier,
      status: cap.status,
      msgType: cap.msgType,
      texts: checked,
      cells: covered,
      at: new Date(),
    }
    const body = { state: 'accepted', reference, cells: covered }
    byKey.set(key, { broadcast, answer: body })
    if (cap.msgType !== 'Cancel') onAir.add(key)
    received.push(broadcast)
    for (const waiter of [...waiters]) if (received.length >= waiter.count) waiter.resolve()
    answer(res, 201, body)
  }

  const check = (cap: MinimalCap): ReceivedBroadcastText[] | string => {
    if (!['Actual', 'Exercise', 'Test'].includes(cap.status)) return `status ${cap.status} is not broadcast`
    if (!['Alert', 'Update', 'Cancel'].includes(cap.msgType)) return `msgType ${cap.msgType} is not broadcast`
    if (cap.scope !== 'Public') return 'only Public messages are broadcast'
    const texts: ReceivedBroadcastText[] = []
    for (const info of cap.info) {
      const values = (name: string) => info.parameters.filter((p) => p.valueName === name).map((p) => p.value)
      const ids = values(broadcastCapParameters.messageIdentifier)
      const messageId = Number(ids[0])
      if (ids.length !== 1 || !Number.isInteger(messageId)) return `${info.language}: no message identifier`
      const national = messageId >= nationalIds.min && messageId <= nationalIds.max
      const additional = messageId >= additionalIds.min && messageId <= additionalIds.max
      if (!national && !additional) return `${info.language}: ${messageId} is not an EU-Alert identifier`
      if ((cap.status !== 'Actual') !== euAlertExerciseTestIds.includes(messageId))
        return `${info.language}: ${messageId} does not fit status ${cap.status}`
      const pages = values(broadcastCapParameters.page)
      if (pages.length === 0 || pages.length > 15)
        return `${info.language}: 1 to 15 pages, not ${pages.length}`
      if (pages.some((page) => cellBroadcastLength(page).pages !== 1))
        return `${info.language}: a page holds more than 93 GSM-7 or 41 UCS-2 characters`
      texts.push({ language: info.language, messageId, pages })
    }
    if (cap.msgType !== 'Cancel' && texts.length === 0) return 'no text to broadcast'
    if (texts.filter((t) => t.messageId <= nationalIds.max).length > 1)
      return 'more than one text with a national-language identifier'
    return texts
  }

  const cellsFor = (cap: MinimalCap): string[] => {
    const polygons: { lat: number; lon: number }[][] = []
    const circles: { lat: number; lon: number; km: number }[] = []
    for (const info of cap.info)
      for (const area of info.areas) {
        for (const text of area.polygons) {
          const points = text.trim().split(/\s+/).map(parseCapPoint)
          if (points.length >= 4 && points.every((p) => p !== undefined)) polygons.push(points)
        }
        for (const text of area.circles) {
          const [centre = '', radius = ''] = text.trim().split(/\s+/)
          const point = parseCapPoint(centre)
          if (point && Number(radius) > 0) circles.push({ ...point, km: Number(radius) })
        }
      }
    return cells
      .filter(
        (cell) =>
          polygons.some((p) => polygonHolds(p, cell.lat, cell.lon)) ||
          circles.some((c) => distanceKm(c.lat, c.lon, cell.lat, cell.lon) <= c.km),
      )
      .map((cell) => cell.id)
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end()
    })
  }
  const server: Server =
    options.key !== undefined && options.cert !== undefined
      ? createHttpsServer({ key: options.key, cert: options.cert }, listener)
      : createHttpServer(listener)
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve))
  const { port } = server.address() as AddressInfo
  const scheme = options.key !== undefined ? 'https' : 'http'

  return {
    url: `${scheme}://${host}:${port}/cap`,
    cells,
    received,
    refused,
    get requests() {
      return requests
    },
    onAir: () => [...onAir],
    behave(value, delay) {
      behaviour =
        value === null ? null : { value, left: 'refuse' in value ? Infinity : (value.times ?? Infinity) }
      if (delay !== undefined) delayMs = delay
    },
    waitFor(count, timeoutMs = 5000) {
      if (received.length >= count) return Promise.resolve(received)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${received.length} of ${count} broadcasts`)),
          timeoutMs,
        )
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer)
            resolve(received)
          },
        })
      })
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
