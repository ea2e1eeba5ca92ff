import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CalendarEvent } from './icalendar.ts'
import { escapeText, foldLine, normaliseText, writeCalendar } from './icalendar.ts'

/** Any string: any code point, lone surrogates, and often the characters a writer must handle. */
const hostileText = fc.string({
  maxLength: 200,
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x9f }).map((u) => String.fromCharCode(u)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('\r', '\n', '\r\n', '\t', '\\', ';', ',', ':', '\u0085', 'é', '😀'),
    },
  ),
})

/** Reads a calendar back as a reader does (RFC 5545 §3.1): unfold, then the value of each property. */
function unfold(calendar: string): string[] {
  return calendar.replace(/\r\n[ \t]/g, '').split('\r\n')
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
}

function event(summary: string, description: string, location: string, category: string): CalendarEvent {
  return {
    uid: '01a225ba-5799-7873-9099-5091319b2ad3@be.liaison',
    start: new Date('2026-11-30T09:00:00Z'),
    end: null,
    summary,
    description,
    location,
    geo: null,
    status: 'CONFIRMED',
    categories: [category],
    updatedAt: new Date('2026-11-29T05:00:00Z'),
  }
}

describe('iCalendar', () => {
  it('escapes text as RFC 5545 says', () => {
    expect(escapeText('Visite; Bruxelles, Grand-Place\nArrivée 10h \\ départ')).toBe(
      'Visite\\; Bruxelles\\, Grand-Place\\nArrivée 10h \\\\ départ',
    )
  })

  it('folds long lines at 75 octets without splitting a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const folded = foldLine(`SUMMARY:${text}`)
        const lines = folded.split('\r\n')
        for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
        expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(`SUMMARY:${text}`)
      }),
    )
  })

  it('writes a feed calendar programs read', () => {
    const text = writeCalendar({
      name: 'NCCN — événements planifiés',
      productId: '-//Liaison//Liaison 0.1.0//EN',
      generatedAt: new Date('2026-11-29T06:00:00Z'),
      events: [
        {
          uid: '01a225ba-5799-7873-9099-5091319b2ad3@be.liaison',
          start: new Date('2026-11-30T09:00:00Z'),
          end: new Date('2026-11-30T17:00:00Z'),
          summary: '[EXERCISE] Exercice SEVESO',
          description: 'Plan particulier d’urgence, Basse-Meuse',
          location: 'Visé',
          geo: { lat: 50.7394, lon: 5.6986 },
          status: 'CONFIRMED',
          categories: ['planned-event', 'exercise'],
          updatedAt: new Date('2026-11-29T05:00:00Z'),
        },
      ],
    })
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
    expect(text).toContain('\r\nDTSTART:20261130T090000Z\r\nDTEND:20261130T170000Z\r\n')
    expect(text).toContain('\r\nGEO:50.739400;5.698600\r\n')
    expect(text).toContain('CATEGORIES:planned-event,exercise')
    expect(text.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true)
    expect(text).not.toMatch(/[^\r]\n/)
  })

  it('writes any text within RFC 5545: CRLF only, 75 octets, no control but HTAB, valid UTF-8, read back as written', () => {
    fc.assert(
      fc.property(
        hostileText,
        hostileText,
        hostileText,
        hostileText,
        hostileText,
        (name, summary, description, location, category) => {
          const calendar = writeCalendar({
            name,
            productId: '-//Liaison//Liaison 0.1.0//EN',
            generatedAt: new Date('2026-11-29T06:00:00Z'),
            events: [event(summary, description, location, category)],
          })
          expect(calendar.endsWith('\r\n')).toBe(true)
          const lines = calendar.slice(0, -2).split('\r\n')
          for (const line of lines) {
            expect(line).not.toMatch(/[\r\n]/)
            // eslint-disable-next-line no-control-regex
            expect(line).not.toMatch(/[\u0000-\u0008\u000A-\u001F\u007F]/)
            expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
          }
          const bytes = new TextEncoder().encode(calendar)
          expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(calendar)

          const properties = unfold(calendar)
          const value = (name: string) =>
            properties.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1)
          expect(unescapeText(value('X-WR-CALNAME') ?? '')).toBe(normaliseText(name))
          expect(unescapeText(value('SUMMARY') ?? '')).toBe(normaliseText(summary))
          if (description) expect(unescapeText(value('DESCRIPTION') ?? '')).toBe(normaliseText(description))
          if (location) expect(unescapeText(value('LOCATION') ?? '')).toBe(normaliseText(location))
          expect(unescapeText(value('CATEGORIES') ?? '')).toBe(normaliseText(category))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('normalises line breaks to LF, and controls and lone surrogates to U+FFFD', () => {
    expect(normaliseText('a\rb\r\nc\nd')).toBe('a\nb\nc\nd')
    expect(normaliseText('tab\tkept')).toBe('tab\tkept')
    expect(normaliseText('nul\u0000 bell\u0007 esc\u001b del\u007f nel\u0085')).toBe(
      'nul\uFFFD bell\uFFFD esc\uFFFD del\uFFFD nel\uFFFD',
    )
    expect(normaliseText('lone \uD83D and \uDE00, pair 😀')).toBe('lone \uFFFD and \uFFFD, pair 😀')
  })

  it('a bare CR in a title is written as \\n, never copied into SUMMARY', () => {
    expect(escapeText('Exercice\rSEVESO')).toBe('Exercice\\nSEVESO')
    const calendar = writeCalendar({
      name: 'NCCN',
      productId: '-//Liaison//Liaison 0.1.0//EN',
      generatedAt: new Date('2026-11-29T06:00:00Z'),
      events: [event('Exercice\rSEVESO', 'ligne 1\r\nligne 2\rligne 3', 'Visé', 'exercise')],
    })
    expect(calendar).toContain('\r\nSUMMARY:Exercice\\nSEVESO\r\n')
    expect(calendar).toContain('\r\nDESCRIPTION:ligne 1\\nligne 2\\nligne 3\r\n')
    expect(calendar).not.toMatch(/\r(?!\n)/)
  })
})
