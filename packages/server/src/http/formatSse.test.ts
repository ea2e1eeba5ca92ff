import type { StoredEvent } from '@liaison/core'
import { StreamCredentialEndedBody, StreamEventBody } from '@liaison/wire'
import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { formatCredentialEnded, formatSse } from './formatSse.ts'

const event = {
  seq: 42,
  id: '0193a000-0000-7000-8000-000000000042',
  at: new Date('2031-03-01T08:00:00Z'),
  kind: 'log-entry.appended',
  subject: '0193a000-0000-7000-8000-0000000000aa',
  origin: 'node-a',
  orgId: '0193a000-0000-7000-8000-0000000000bb',
  audience: ['0193a000-0000-7000-8000-0000000000bb'],
  body: { kind: 'log-entry.appended', entry: { id: 'e1', text: 'water rising' } },
} as unknown as StoredEvent

/** The lines of one SSE message, by field. */
function fields(text: string): Record<string, string> {
  expect(text.endsWith('\n\n')).toBe(true)
  return Object.fromEntries(
    text
      .trimEnd()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
  )
}

describe('formatSse', () => {
  it('writes the seq as the id, the kind as the event, and data that is a StreamEventBody', () => {
    const f = fields(formatSse(event))
    expect(f.id).toBe('42')
    expect(f.event).toBe('log-entry.appended')
    const data: unknown = JSON.parse(f.data!)
    expect([...Value.Errors(StreamEventBody, data)]).toEqual([])
    expect(data).toEqual({
      seq: 42,
      id: event.id,
      at: '2031-03-01T08:00:00.000Z',
      kind: 'log-entry.appended',
      subject: event.subject,
      orgId: event.orgId,
      body: { kind: 'log-entry.appended', entry: { id: 'e1', text: 'water rising' } },
    })
    // the audience and origin stay on the node: a reader sees the envelope it needs
    expect(f.data).not.toContain('audience')
  })

  it('ends a stream with a credential-ended message that is a StreamCredentialEndedBody', () => {
    const f = fields(formatCredentialEnded('the session was ended'))
    expect(f.retry).toBe('3600000')
    expect(f.event).toBe('credential-ended')
    const data: unknown = JSON.parse(f.data!)
    expect(Value.Check(StreamCredentialEndedBody, data)).toBe(true)
    expect(data).toEqual({ reason: 'the session was ended' })
  })
})
