import type { StreamCredentialEndedBody, StreamEventBody } from '@liaison/wire'
import type { Static } from 'typebox'
import { useEffect, useRef } from 'react'

/** The kinds of event the web shell follows on `/api/v1/stream`. */
export const liveKinds = [
  'case.opened',
  'case.updated',
  'log-entry.appended',
  'task.created',
  'task.updated',
  'decision.recorded',
  'sitrep.drafted',
  'sitrep.revised',
  'sitrep.approved',
  'handover.prepared',
  'handover.signed-off',
  'map-feature.saved',
  'map-feature.removed',
  'plan.saved',
  // a receipt the node sends when it applies what a partner sent: something arrived (decision 035)
  'receipt.recorded',
  'incoming.received',
] as const
export type LiveKind = (typeof liveKinds)[number]

/** One event of the stream (its wire schema, StreamEventBody), of a kind the web follows. */
export type LiveEvent = Static<typeof StreamEventBody> & { readonly kind: LiveKind }

type Listener = (event: LiveEvent) => void

/**
 * Why the stream stopped for good: `credential-ended` when the node ended it because the session
 * ended (signed out elsewhere, expired, account disabled or its roles changed; `reason` is the
 * node's words), `refused` when the browser gave up reconnecting (the node refused the stream).
 */
export type StreamEnd =
  { readonly kind: 'credential-ended'; readonly reason: string } | { readonly kind: 'refused' }

const listeners = new Set<Listener>()
let source: EventSource | null = null
let lastSeq = 0
let onEnded: ((end: StreamEnd) => void) | null = null
/** Set once the stream stopped for good: nothing reconnects until `resumeLiveEvents()` or `resetLiveEvents()`. */
let halted = false
let retryTimer: ReturnType<typeof setTimeout> | null = null

/** After a refused stream, the page asks the node again after this long, not at once. */
const refusedPause = 5_000

function onMessage(message: MessageEvent<string>): void {
  let event: LiveEvent
  try {
    event = JSON.parse(message.data) as LiveEvent
  } catch {
    return
  }
  if (typeof event.seq === 'number') lastSeq = Math.max(lastSeq, event.seq)
  for (const listener of [...listeners]) listener(event)
}

/** Closes the connection for good (no reconnecting) and says why. */
function stop(end: StreamEnd): void {
  source?.close()
  source = null
  halted = true
  onEnded?.(end)
}

function onCredentialEnded(message: MessageEvent<string>): void {
  let reason = ''
  try {
    const data = JSON.parse(message.data) as Partial<Static<typeof StreamCredentialEndedBody>>
    if (typeof data.reason === 'string') reason = data.reason
  } catch {
    // the event itself is what counts
  }
  stop({ kind: 'credential-ended', reason })
}

function onError(this: EventSource): void {
  // a dropped connection is retried by the browser (readyState CONNECTING); a refused one is not
  if (this !== source || this.readyState !== EventSource.CLOSED) return
  source = null
  halted = true
  retryTimer = setTimeout(() => {
    retryTimer = null
    stop({ kind: 'refused' })
  }, refusedPause)
}

function open(): void {
  if (source || halted || typeof EventSource === 'undefined') return
  // The browser resumes with Last-Event-ID after a drop; `after` resumes after a page change.
  source = new EventSource(lastSeq > 0 ? `/api/v1/stream?after=${lastSeq}` : '/api/v1/stream?after=latest')
  for (const kind of liveKinds) source.addEventListener(kind, onMessage)
  source.addEventListener('credential-ended', onCredentialEnded)
  source.addEventListener('error', onError)
}

function closeIfIdle(): void {
  if (listeners.size > 0 || !source) return
  source.close()
  source = null
}

/**
 * Who is told when the stream stops for good (one handler: the app, which finds out whether the
 * session is still there). Until then no page gets live events; `resumeLiveEvents()` reconnects.
 */
export function setLiveStreamEndedHandler(handler: ((end: StreamEnd) => void) | null): void {
  onEnded = handler
}

/** Reconnects after the stream stopped, if a page is listening (the session turned out to be alive). */
export function resumeLiveEvents(): void {
  halted = false
  if (listeners.size > 0) open()
}

/** Forgets where the stream was: the next session starts at the newest event. */
export function resetLiveEvents(): void {
  if (retryTimer) clearTimeout(retryTimer)
  retryTimer = null
  source?.close()
  source = null
  halted = false
  lastSeq = 0
}

/** Listens to the node's live stream (one connection for the whole shell) while mounted. */
export function useLiveEvents(listener: Listener): void {
  const ref = useRef(listener)
  useEffect(() => {
    ref.current = listener
  })
  useEffect(() => {
    const forward: Listener = (event) => ref.current(event)
    listeners.add(forward)
    open()
    return () => {
      listeners.delete(forward)
      // a page change unsubscribes and subscribes again at once: keep the connection through it
      setTimeout(closeIfIdle, 1_000)
    }
  }, [])
}

/** The case a live event concerns, if any. */
export function caseIdOf(event: LiveEvent): string | null {
  const record = event.body.entry ?? event.body.task ?? event.body.decision ?? event.body.sitrep
  if (typeof record === 'object' && record !== null && 'caseId' in record)
    return typeof record.caseId === 'string' ? record.caseId : null
  const c = event.body.case
  if (typeof c === 'object' && c !== null && 'id' in c && typeof c.id === 'string') return c.id
  return null
}
