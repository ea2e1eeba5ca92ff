import { describe, expect, it } from 'vitest'
import type { CapAlert, CapArea, CapInfo } from './CapAlert.ts'
import { validateCapAlert } from './validateCapAlert.ts'
import { checkCapPolygon } from './capPolygon.ts'

const square = '50.80,4.30 50.80,4.40 50.90,4.40 50.90,4.30 50.80,4.30'
const area: CapArea = {
  areaDesc: 'Brussel / Bruxelles',
  polygon: [square],
  circle: ['50.85,4.35 2.5'],
  geocode: [],
}
const info: CapInfo = {
  language: 'fr-BE',
  category: ['Fire'],
  event: 'Incendie chimique',
  responseType: ['Shelter'],
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  eventCode: [],
  expires: '2026-12-02T18:00:00+01:00',
  web: 'https://www.be-alert.be/',
  parameter: [],
  resource: [],
  area: [area],
}
const alert: CapAlert = {
  identifier: 'BE-2026-0001',
  sender: 'alert@nccn.be',
  sent: '2026-12-02T12:00:00+01:00',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  code: [],
  info: [info],
}

const reasons = (a: CapAlert): [string, string][] => validateCapAlert(a).map((p) => [p.path, p.reason])

describe('validateCapAlert', () => {
  it('accepts a well-formed alert', () => {
    expect(validateCapAlert(alert)).toEqual([])
  })

  it.each([
    [{ identifier: '' }, 'alert.identifier', 'required'],
    [{ identifier: 'a b' }, 'alert.identifier', 'identifier_form'],
    [{ sender: 'x,y' }, 'alert.sender', 'identifier_form'],
    [{ sent: '2026-12-02T12:00:00Z' }, 'alert.sent', 'date_form'],
    [{ sent: '2026-12-02T12:00:00.5+01:00' }, 'alert.sent', 'date_form'],
    [{ sent: '2026-02-30T12:00:00+01:00' }, 'alert.sent', 'date_form'],
    [{ status: 'Real' }, 'alert.status', 'not_enumerated'],
    [{ scope: 'Restricted' }, 'alert.restriction', 'restriction_missing'],
    [{ scope: 'Private' }, 'alert.addresses', 'addresses_missing'],
    [{ msgType: 'Update' }, 'alert.references', 'references_missing'],
    [{ msgType: 'Cancel', references: 'alert@nccn.be,BE-1' }, 'alert.references', 'references_form'],
    [
      { msgType: 'Cancel', references: 'alert@nccn.be,BE-1,2026-12-02T12:00' },
      'alert.references',
      'references_form',
    ],
    [
      { msgType: 'Update', references: 'alert@nccn.be,BE-2026-0001,2026-12-02T11:00:00+01:00' },
      'alert.references',
      'references_self',
    ],
  ] as [Partial<Record<keyof CapAlert, unknown>>, string, string][])(
    'refuses %o at %s',
    (change, path, reason) => {
      expect(reasons({ ...alert, ...change } as CapAlert)).toEqual([[path, reason]])
    },
  )

  it('accepts references to earlier messages, several triples', () => {
    const update = {
      ...alert,
      msgType: 'Update' as const,
      references: 'alert@nccn.be,BE-1,2026-12-02T11:00:00+01:00 alert@nccn.be,BE-2,2026-12-02T11:30:00-00:00',
    }
    expect(validateCapAlert(update)).toEqual([])
  })

  it.each([
    [{ web: 'www.be-alert.be' }, 'alert.info[0].web', 'web_not_absolute'],
    [{ language: 'français' }, 'alert.info[0].language', 'language_form'],
    [{ category: [] }, 'alert.info[0].category', 'required'],
    [{ category: ['Weather'] }, 'alert.info[0].category[0]', 'not_enumerated'],
    [{ urgency: 'Now' }, 'alert.info[0].urgency', 'not_enumerated'],
    [{ event: ' ' }, 'alert.info[0].event', 'required'],
    [{ expires: '2026-12-02 18:00' }, 'alert.info[0].expires', 'date_form'],
    [{ resource: [{ resourceDesc: 'map', mimeType: '' }] }, 'alert.info[0].resource[0].mimeType', 'required'],
  ] as [Partial<Record<keyof CapInfo, unknown>>, string, string][])(
    'refuses info %o at %s',
    (change, path, reason) => {
      expect(reasons({ ...alert, info: [{ ...info, ...change } as CapInfo] })).toEqual([[path, reason]])
    },
  )

  it.each([
    [
      { polygon: ['50.8,4.3 50.8,4.4 50.8,4.3'] },
      'alert.info[0].area[0].polygon[0]',
      'polygon_too_few_points',
    ],
    [
      { polygon: ['50.8,4.3 50.8,4.4 50.9,4.4 50.9,4.3'] },
      'alert.info[0].area[0].polygon[0]',
      'polygon_not_closed',
    ],
    [
      { polygon: ['50.8;4.3 50.8,4.4 50.9,4.4 50.8;4.3'] },
      'alert.info[0].area[0].polygon[0]',
      'polygon_form',
    ],
    [{ polygon: ['95,4.3 50.8,4.4 50.9,4.4 95,4.3'] }, 'alert.info[0].area[0].polygon[0]', 'polygon_form'],
    [
      { polygon: ['50.8,4.3 50.9,4.4 50.8,4.4 50.9,4.3 50.8,4.3'] },
      'alert.info[0].area[0].polygon[0]',
      'polygon_self_intersecting',
    ],
    [{ circle: ['50.85,4.35'] }, 'alert.info[0].area[0].circle[0]', 'circle_form'],
    [{ circle: ['50.85,4.35 -2'] }, 'alert.info[0].area[0].circle[0]', 'circle_form'],
    [{ ceiling: 100 }, 'alert.info[0].area[0].ceiling', 'ceiling_without_altitude'],
    [{ altitude: 200, ceiling: 100 }, 'alert.info[0].area[0].ceiling', 'ceiling_below_altitude'],
    [{ areaDesc: '' }, 'alert.info[0].area[0].areaDesc', 'required'],
  ] as [Partial<Record<keyof CapArea, unknown>>, string, string][])(
    'refuses area %o at %s',
    (change, path, reason) => {
      expect(reasons({ ...alert, info: [{ ...info, area: [{ ...area, ...change } as CapArea] }] })).toEqual([
        [path, reason],
      ])
    },
  )

  it('refuses a polygon of a million points at the limit without reading it all', () => {
    const huge = Array.from({ length: 1_000_000 }, (_, i) => `50.${i % 1000},4.3`).join(' ')
    const started = performance.now()
    expect(checkCapPolygon(huge, 'p').map((p) => p.reason)).toEqual(['polygon_too_many_points'])
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('checks a large valid polygon quickly (a circle of 10,000 points)', () => {
    const ring = Array.from({ length: 10_000 }, (_, i) => {
      const a = (2 * Math.PI * i) / 10_000
      return `${(50 + 0.1 * Math.sin(a)).toFixed(6)},${(4 + 0.1 * Math.cos(a)).toFixed(6)}`
    })
    ring.push(ring[0] ?? '')
    expect(checkCapPolygon(ring.join(' '), 'p')).toEqual([])
  })
})
