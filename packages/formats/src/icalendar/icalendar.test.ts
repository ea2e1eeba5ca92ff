import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { escapeText, foldLine, writeCalendar } from './icalendar.ts'

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
})
