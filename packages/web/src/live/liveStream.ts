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
  'sitrep.approved',
  'handover.prepared',
  'handover.signed-off',
  'map-feature.saved',
  'map-feature.removed',
  'plan.saved',
] as const
export type LiveKind = (typeof liveKinds)[number]

/** One event of the stream: `body` is the domain event, with its record under a key of its kind. */
export interface LiveEvent {
  readonly seq: number
  readonly kind: LiveKind
  readonly subject: string
  readonly body: {
    readonly entry?: unknown
    readonly task?: unknown
    readonly case?: unknown
    readonly decision?: unknown
    readonly sitrep?: unknown
    readonly feature?: unknown
    readonly caseId?: unknown
    readonly planId?: unknown
  }
}

type Listener = (event: LiveEvent) => void

const listeners = new Set<Listener>()
let source: EventSource | null = null
let lastSeq = 0

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

function open(): void {
  if (source || typeof EventSource === 'undefined') return
  // The browser resumes with Last-Event-ID after a drop; `after` resumes after a page change.
  source = new EventSource(lastSeq > 0 ? `/api/v1/stream?after=${lastSeq}` : '/api/v1/stream?after=latest')
  for (const kind of liveKinds) source.addEventListener(kind, onMessage)
}

function closeIfIdle(): void {
  if (listeners.size > 0 || !source) return
  source.close()
  source = null
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
