import type { ServerResponse } from 'node:http'
import type { StoredEvent } from '@liaison/core'
import { eventVisibleTo } from '@liaison/core'
import { StreamHeaders, StreamQuery } from '@liaison/wire'
import { readEventPage } from '../../store/events/eventRows.ts'
import { runFollower } from '../../processors/runFollower.ts'
import { credentialProblem } from '../auth/authenticate.ts'
import { headSeq } from '../../store/processorCursorRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { formatCredentialEnded, formatSse } from '../formatSse.ts'
import type { LiveMessage } from '../LiveStream.ts'
import { LiveStream } from '../LiveStream.ts'
import { securityHeaders } from '../securityHeaders.ts'
import { streamLimits } from '../streamLimits.ts'

/**
 * A live client that falls this far behind is dropped; it reconnects with Last-Event-ID and misses
 * nothing. The backlog does not count: it is written a piece at a time, each once the last has drained.
 */
const maxBufferedBytes = 1024 * 1024
/** One piece of the backlog: read, written, drained before the next is read. */
const backlogPiece = { count: 200, bytes: 256 * 1024 }
/** Events committed while the backlog is read are held up to this many; beyond, they are read again from the store. */
const maxPending = 1000

/** Registers the live stream, and runs its follower (one per process) while the app is open. */
export async function streamRoutes(app: App, deps: AppDeps): Promise<void> {
  const live = new LiveStream({
    onFailure: (error) => deps.log.error({ err: error }, 'a live stream client failed on events'),
  })
  const follower = await runFollower({
    store: deps.store,
    bus: deps.bus,
    log: deps.log,
    follower: live.follower,
  })
  app.addHook('onClose', async () => follower.stop())
  const limits = streamLimits({
    perPrincipal: deps.config.http.streamsPerPrincipal,
    perAddress: deps.config.http.streamsPerAddress,
  })
  app.get(
    '/api/v1/stream',
    {
      schema: {
        tags: ['live'],
        summary:
          "The node's events as Server-Sent Events; resume with Last-Event-ID (or ?after=seq; ?after=latest for new events only)",
        headers: StreamHeaders,
        querystring: StreamQuery,
        produces: ['text/event-stream'],
      },
    },
    async (req, reply) => {
      const headerId = req.headers['last-event-id']
      let last =
        headerId !== undefined
          ? Number(headerId)
          : req.query.after === 'latest'
            ? await headSeq(deps.store.db)
            : (req.query.after ?? 0)

      // the events this reader's organisation may see, and no others
      const viewer = req.principal?.orgId ?? ''
      // refused here (429) before the stream starts; released when it closes
      const release = limits.open(req.principal!, req.ip)
      reply.hijack()
      const res = reply.raw
      res.writeHead(200, {
        ...securityHeaders({ tls: req.protocol === 'https', docs: false }),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      })
      res.write('retry: 2000\n\n')

      let closed = false
      let caughtUp = false
      /** Events committed while the backlog is read; dropped (and read again from the store) past maxPending. */
      let pending: LiveMessage[] = []
      let pendingDropped = false
      /**
       * The SSE text of the events not yet sent and visible to this reader; moves `last` on. Live
       * messages come formatted once for every client; the backlog is formatted here.
       */
      const format = (messages: readonly { event: StoredEvent; text?: string }[]): string => {
        let text = ''
        for (const m of messages) {
          if (m.event.seq <= last) continue
          if (eventVisibleTo(m.event, viewer)) text += m.text ?? formatSse(m.event)
          last = m.event.seq
        }
        return text
      }
      const send = (messages: readonly LiveMessage[]) => {
        const text = format(messages)
        if (text) res.write(text)
        if (res.writableLength > maxBufferedBytes) {
          req.log.warn({ buffered: res.writableLength }, 'stream client too slow; dropping it')
          res.destroy()
        }
      }
      // Listen before reading the backlog so nothing committed in between is missed.
      const unsubscribe = live.subscribe((messages) => {
        if (closed) return
        if (caughtUp) send(messages)
        else if (pendingDropped) return
        else if (pending.length + messages.length > maxPending) {
          // the backlog reader will find them in the store
          pending = []
          pendingDropped = true
        } else pending.push(...messages)
      })
      // each heartbeat also checks that the reader may still read: a stream ends with its session
      const principal = req.principal
      let checking = false
      const heartbeat = setInterval(() => {
        if (closed || checking || !principal) return
        checking = true
        credentialProblem(deps, principal)
          .then((problem) => {
            if (closed) return
            if (problem === null) {
              res.write(': keep-alive\n\n')
              return
            }
            // 'retry' far off: the client should sign in again, not hammer the node
            res.end(formatCredentialEnded(problem))
          })
          .catch((error: unknown) => {
            req.log.error({ err: error }, 'stream credential check failed')
            res.destroy()
          })
          .finally(() => {
            checking = false
          })
      }, deps.config.http.streamHeartbeatSeconds * 1000)
      deps.metrics.streamClients.inc()
      const close = () => {
        if (closed) return
        closed = true
        unsubscribe()
        clearInterval(heartbeat)
        release()
        deps.metrics.streamClients.dec()
      }
      res.on('close', close)

      try {
        // the backlog, a bounded piece at a time, each written and drained before the next is read
        for (;;) {
          pendingDropped = false
          const piece = await readEventPage(deps.store.db, last, backlogPiece)
          if (closed || res.writableEnded) return
          if (piece.length === 0 && !pendingDropped) break
          const text = format(piece.map((event) => ({ event })))
          if (text && !res.write(text)) await drained(res)
          if (closed || res.writableEnded) return
        }
        // caught up: what committed meanwhile (the store read skips what was already sent), then live
        send(pending)
        pending = []
        caughtUp = true
      } catch (error) {
        req.log.error({ err: error }, 'stream backlog failed')
        res.destroy()
      }
    },
  )
}

/** Resolves once the response has written out what it holds, or has closed. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}
