import type { StoredEvent } from '@liaison/core'
import type { StreamCredentialEndedBody, StreamEventBody } from '@liaison/wire'
import type { Static } from 'typebox'

/** An event as one Server-Sent Event of the live stream (its id is the seq, to resume from). */
export function formatSse(event: StoredEvent): string {
  const data: Static<typeof StreamEventBody> = {
    seq: event.seq,
    id: event.id,
    at: event.at.toISOString(),
    kind: event.kind,
    subject: event.subject,
    orgId: event.orgId,
    body: event.body,
  }
  return `id: ${event.seq}\nevent: ${event.kind}\ndata: ${JSON.stringify(data)}\n\n`
}

/** The last message of a stream whose credential ended: the browser is told not to come back for an hour. */
export function formatCredentialEnded(reason: string): string {
  const data: Static<typeof StreamCredentialEndedBody> = { reason }
  return `retry: 3600000\nevent: credential-ended\ndata: ${JSON.stringify(data)}\n\n`
}
