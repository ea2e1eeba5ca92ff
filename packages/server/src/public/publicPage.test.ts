import type { CapAlert } from '@liaison/core'
import { describe, expect, it } from 'vitest'
import { pageOrder, publicPage } from './publicPage.ts'

const alert = (identifier: string, msgType: CapAlert['msgType'], headline: string) => ({
  cap: {
    identifier,
    sender: 'alert@nccn.be',
    sent: '2026-12-03T10:00:00+01:00',
    status: 'Actual',
    msgType,
    scope: 'Public',
    code: [],
    info: [
      {
        language: 'fr-BE',
        category: ['Met'],
        event: 'Crue',
        responseType: [],
        urgency: 'Expected',
        severity: 'Moderate',
        certainty: 'Likely',
        eventCode: [],
        headline,
        parameter: [],
        resource: [],
        area: [],
      },
    ],
  } satisfies CapAlert,
  areas: { type: 'FeatureCollection' as const, features: [] },
  expires: null,
})

describe('the public page order', () => {
  it('puts the alerts in force before the ended ones, keeping the order given within each', () => {
    const given = [
      alert('c1', 'Cancel', 'Fin 1'),
      alert('a1', 'Alert', 'Crue 1'),
      alert('c2', 'Cancel', 'Fin 2'),
      alert('u1', 'Update', 'Crue 2'),
      alert('a2', 'Alert', 'Crue 3'),
    ]
    expect(pageOrder(given).map((a) => a.cap.identifier)).toEqual(['a1', 'u1', 'a2', 'c1', 'c2'])
  })

  it('writes them in that order on the page', () => {
    const html = publicPage({ name: 'NCCN', country: 'BE' }, 'fr', [
      alert('c1', 'Cancel', 'Alerte levée'),
      alert('a1', 'Alert', 'Crue de la Meuse'),
    ])
    expect(html.indexOf('Crue de la Meuse')).toBeGreaterThan(0)
    expect(html.indexOf('Crue de la Meuse')).toBeLessThan(html.indexOf('Alerte levée'))
  })
})

describe('the public page’s link to the citizen page', () => {
  it('is there, in the page’s language, only where registration is served', () => {
    const centre = { name: 'NCCN', country: 'BE' } as const
    const linked = publicPage(centre, 'nl', [], { registration: true })
    expect(linked).toContain('<a href="/register?lang=nl" data-testid="register-link">')
    expect(linked).toContain('inschrijven</a>')
    expect(publicPage(centre, 'nl', [])).not.toContain('/register')
  })
})
