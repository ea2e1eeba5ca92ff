import { describe, expect, it } from 'vitest'
import { smsLength } from './textLength.ts'
import { alertLanguages, shortTextOf, shortTextParameter, unsubscribeLines } from './shortText.ts'

describe('the short text of an alert', () => {
  it('is the shortText parameter of its info block, or empty', () => {
    expect(shortTextOf({ parameter: [{ valueName: 'other', value: 'x' }] })).toBe('')
    expect(
      shortTextOf({
        parameter: [
          { valueName: 'other', value: 'x' },
          { valueName: shortTextParameter, value: 'Close windows' },
        ],
      }),
    ).toBe('Close windows')
  })

  it('has an unsubscribe line in each language, each in GSM-7 (so it never switches a text to UCS-2 by itself)', () => {
    for (const language of alertLanguages) expect(unsubscribeLines[language].length).toBeGreaterThan(0)
    for (const language of alertLanguages)
      expect(smsLength('', unsubscribeLines[language]).encoding).toBe('gsm7')
  })
})
