import { describe, expect, it } from 'vitest'
import { newCapSource } from './newCapSource.ts'

const at = new Date('2026-12-03T12:00:00Z')
const input = {
  name: ' KNMI ',
  url: 'https://example.org/cap/feed.atom',
  pollSeconds: 300,
  staleAfterSeconds: 3600,
  enabled: true,
}

describe('newCapSource', () => {
  it('accepts an http(s) source with sensible intervals, its name trimmed', () => {
    expect(newCapSource(input, { id: 'i', at, nameTaken: false })).toEqual({
      ok: true,
      value: { ...input, name: 'KNMI', id: 'i', createdAt: at },
    })
  })
  it('names each field that is wrong', () => {
    const decided = newCapSource(
      { name: '', url: 'file:///etc/passwd', pollSeconds: 5, staleAfterSeconds: 60.5, enabled: true },
      { id: 'i', at, nameTaken: false },
    )
    expect(decided).toEqual({
      ok: false,
      error: {
        reason: 'invalid',
        problems: [
          'name: 1 to 100 characters',
          'url: an http or https address',
          'pollSeconds: a whole number from 30 to 86400',
          'staleAfterSeconds: a whole number from 60 to 2592000',
        ],
      },
    })
  })
  it('refuses a stale-after shorter than the interval', () => {
    const decided = newCapSource(
      { ...input, pollSeconds: 3600, staleAfterSeconds: 600 },
      { id: 'i', at, nameTaken: false },
    )
    expect(decided).toEqual({
      ok: false,
      error: { reason: 'invalid', problems: ['staleAfterSeconds: at least pollSeconds'] },
    })
  })
  it('refuses a name the node already has', () => {
    expect(newCapSource(input, { id: 'i', at, nameTaken: true })).toEqual({
      ok: false,
      error: { reason: 'name_taken', name: 'KNMI' },
    })
  })
})
