import { describe, expect, it } from 'vitest'
import type { AlertTemplateContent } from './AlertTemplate.ts'
import type { CapAlert } from './CapAlert.ts'
import { fillAlertTemplate, templateIntact, templatePlaceholders } from './fillAlertTemplate.ts'

const content: AlertTemplateContent = {
  status: 'Actual',
  sender: 'alert@nccn.be',
  scope: 'Public',
  channels: ['sms', 'feed'],
  info: [
    {
      language: 'nl-BE',
      category: ['CBRNE'],
      event: 'Chemische brand',
      responseType: ['Shelter'],
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
      eventCode: [],
      headline: 'Brand in {{place}}: sluit ramen en deuren',
      description: 'Een brand in {{place}} geeft rook ({{what}}).',
      instruction: 'Blijf binnen.',
      parameter: [{ valueName: 'shortText', value: 'Brand {{place}}: blijf binnen' }],
      resource: [],
      area: [{ areaDesc: '{{place}}', polygon: ['51,4 51,5 52,5 51,4'], circle: [], geocode: [] }],
    },
  ],
}

const capOf = (c: AlertTemplateContent): { cap: CapAlert; channels: readonly string[] } => {
  const { channels, ...rest } = c
  return {
    cap: {
      ...rest,
      code: rest.code ?? [],
      identifier: 'x',
      sent: '2026-12-03T10:00:00+01:00',
      msgType: 'Alert',
    },
    channels,
  }
}

describe('templatePlaceholders', () => {
  it('finds each name once, in the order it first appears, and ignores what is not a placeholder', () => {
    expect(templatePlaceholders(content)).toEqual(['place', 'what'])
    const odd = { ...content, info: [{ ...content.info[0]!, headline: '{{ place }} {{1x}} {x} {{ok_2}}' }] }
    expect(templatePlaceholders(odd)).toEqual(['ok_2', 'place', 'what'])
  })
})

describe('fillAlertTemplate', () => {
  it('replaces every placeholder in every text, the area description and the parameters too', () => {
    const filled = fillAlertTemplate(content, { place: 'Antwerpen', what: 'chloor' })
    expect(filled.ok).toBe(true)
    if (!filled.ok) return
    const info = filled.value.info[0]!
    expect(info.headline).toBe('Brand in Antwerpen: sluit ramen en deuren')
    expect(info.description).toBe('Een brand in Antwerpen geeft rook (chloor).')
    expect(info.parameter[0]!.value).toBe('Brand Antwerpen: blijf binnen')
    expect(info.area[0]!.areaDesc).toBe('Antwerpen')
    expect(templatePlaceholders(filled.value)).toEqual([])
  })

  it.each([
    [{ place: 'Antwerpen' }, [{ reason: 'missing', name: 'what' }]],
    [{ place: 'Antwerpen', what: '  ' }, [{ reason: 'missing', name: 'what' }]],
    [{ place: 'a\nb', what: 'x' }, [{ reason: 'invalid', name: 'place' }]],
    [{ place: '{{what}}', what: 'x' }, [{ reason: 'invalid', name: 'place' }]],
    [{ place: 'x'.repeat(201), what: 'x' }, [{ reason: 'invalid', name: 'place' }]],
    [{ place: 'a', what: 'b', other: 'c' }, [{ reason: 'unknown', name: 'other' }]],
    [{ place: 'a', what: 'b', constructor: 'c' }, [{ reason: 'unknown', name: 'constructor' }]],
  ])('refuses %j', (values, problems) => {
    expect(fillAlertTemplate(content, values)).toEqual({ ok: false, error: problems })
  })
})

describe('templateIntact', () => {
  const filled = fillAlertTemplate(content, { place: 'Gent', what: 'ammoniak' })
  if (!filled.ok) throw new Error('fills')
  const f = filled.value
  const info = f.info[0]!

  it('holds for the filled template, with times of its own and the channels in another order', () => {
    expect(templateIntact(capOf(f), f)).toBe(true)
    const timed = capOf({
      ...f,
      info: [{ ...info, expires: '2026-12-03T18:00:00+01:00', onset: '2026-12-03T10:00:00+01:00' }],
    })
    expect(templateIntact(timed, f)).toBe(true)
    expect(templateIntact({ ...capOf(f), channels: ['feed', 'sms'] }, f)).toBe(true)
  })

  it.each([
    ['a text changed', { ...f, info: [{ ...info, instruction: 'Ga naar buiten.' }] }],
    ['a severity raised', { ...f, info: [{ ...info, severity: 'Extreme' as const }] }],
    [
      'an area moved',
      { ...f, info: [{ ...info, area: [{ ...info.area[0]!, polygon: ['50,4 50,5 51,5 50,4'] }] }] },
    ],
    ['a language added', { ...f, info: [info, { ...info, language: 'fr-BE' }] }],
    ['another status', { ...f, status: 'Exercise' as const }],
    ['another scope', { ...f, scope: 'Restricted' as const, restriction: 'x' }],
    ['a note added', { ...f, note: 'x' }],
    ['a channel added', { ...f, channels: ['sms', 'feed', 'email'] as const }],
  ])('fails with %s', (_what, changed) => {
    expect(templateIntact(capOf(changed), f)).toBe(false)
  })
})
