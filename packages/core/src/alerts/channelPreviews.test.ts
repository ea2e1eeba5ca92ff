import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { channelPreviews, pushBodyMax } from './channelPreviews.ts'
import { unsubscribeLines } from './shortText.ts'
import { cellBroadcastLength, cellBroadcastPages, smsLength, smsTextParts } from './textLength.ts'
import { smsParts } from '../channels/smsParts.ts'

const texts = {
  language: 'nl' as const,
  event: 'Chemische brand',
  headline: 'Sluit ramen en deuren',
  shortText: 'Brand in de haven: blijf binnen.',
  description: 'Een brand geeft rook.',
  instruction: 'Blijf binnen.',
}

describe('the channel previews', () => {
  it('gives the SMS with its unsubscribe line, the pages, the e-mail and the push notification', () => {
    const p = channelPreviews(texts)
    expect(p.sms).toEqual([`Brand in de haven: blijf binnen.\n${unsubscribeLines.nl}`])
    expect(p.cellBroadcast).toEqual(['Brand in de haven: blijf binnen.'])
    expect(p.email).toEqual({
      subject: 'Sluit ramen en deuren',
      body: 'Een brand geeft rook.\n\nBlijf binnen.',
    })
    expect(p.push).toEqual({ title: 'Sluit ramen en deuren', body: 'Brand in de haven: blijf binnen.' })
  })

  it('falls back on the event for a title and on the description, cut, for a push body', () => {
    const long = 'é'.repeat(300)
    const p = channelPreviews({ ...texts, headline: ' ', shortText: '', description: long })
    expect(p.sms).toEqual([])
    expect(p.cellBroadcast).toEqual([])
    expect(p.email.subject).toBe('Chemische brand')
    expect([...p.push.body]).toHaveLength(pushBodyMax)
    expect(p.push.body.endsWith('…')).toBe(true)
  })

  it('cuts a long GSM-7 text at 153 per part and 93 per page, and a UCS-2 one at 67 and 41', () => {
    const gsm = 'a'.repeat(200)
    expect(smsTextParts(gsm).map((s) => s.length)).toEqual([153, 47])
    expect(cellBroadcastPages(gsm).map((s) => s.length)).toEqual([93, 93, 14])
    const ucs = 'ж'.repeat(100)
    expect(smsTextParts(ucs).map((s) => s.length)).toEqual([67, 33])
    expect(cellBroadcastPages(ucs).map((s) => s.length)).toEqual([41, 41, 18])
    // an extension character takes two septets and is never split
    expect(smsTextParts('€'.repeat(80))).toHaveLength(1)
    expect(smsTextParts('€'.repeat(81)).map((s) => s.length)).toEqual([76, 5])
  })

  it('cuts any text into as many pieces as the counters count, losing nothing', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 600 }),
        fc.constantFrom('', 'STOP'),
        (text, footer) => {
          const parts = smsTextParts(text, footer)
          expect(parts.length).toBe(smsLength(text, footer).parts)
          expect(parts.join('')).toBe(footer === '' ? text : `${text}\n${footer}`)
          const pages = cellBroadcastPages(text)
          expect(pages.length).toBe(cellBroadcastLength(text).pages)
          expect(pages.join('')).toBe(text)
        },
      ),
    )
  })
})

describe('the preview and the wire cut an SMS alike', () => {
  it('gives as many parts as the SMPP channel sends, for any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'é', '€', '{', 'ł', 'Ω', '\n', '😀', ' '), maxLength: 700 }),
        (text) => {
          const wire = smsParts(text, 7)
          if (text === '' || wire === null) return
          expect(smsTextParts(text)).toHaveLength(wire.parts.length)
        },
      ),
    )
  })
})
