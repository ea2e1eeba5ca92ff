import type { StoredEvent } from '@liaison/core'

/** An event as one Server-Sent Event of the live stream (its id is the seq, to resume from). */
export function formatSse(event: StoredEvent): string {
  return `id: ${event.seq}\nevent: ${event.kind}\ndata: ${JSON.stringify({
    seq: event.seq,
    id: event.id,
    at: event.at.toISOString(),
    kind: event.kind,
    subject: event.subject,
    orgId: event.orgId,
    body: event.body,
  })}\n\n`
}
