import type { CapAlert, CapInfo } from '@liaison/core'
import { describe, expect, it } from 'vitest'
import { publicAlertRowOf } from './publicAlertsProcessor.ts'

const info = (language: string | undefined, expires: string | undefined): CapInfo => ({
  ...(language === undefined ? {} : { language }),
  category: ['Fire'],
  event: 'Brand',
  responseType: [],
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  eventCode: [],
  ...(expires === undefined ? {} : { expires }),
  headline: `Headline ${language ?? 'default'}`,
  parameter: [],
  resource: [],
  area: [{ areaDesc: 'Haven', polygon: [], circle: ['51.3,4.3 3'], geocode: [] }],
})
const cap = (over: Partial<CapAlert> = {}): CapAlert => ({
  identifier: 'id-1',
  sender: 'alert@nccn.be',
  sent: '2026-12-03T11:00:00+01:00',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  code: [],
  info: [info('nl-BE', '2026-12-03T18:00:00+01:00'), info('fr-BE', '2026-12-03T20:00:00+01:00')],
  ...over,
})
const at = new Date('2026-12-03T10:00:00Z')

describe('publicAlertRowOf', () => {
  it('writes a Public alert with its headline per language, areas and its last expiry, current', () => {
    const row = publicAlertRowOf(cap(), '<alert/>', at)
    expect(row).toMatchObject({
      identifier: 'id-1',
      sent: new Date('2026-12-03T10:00:00Z'),
      status: 'Actual',
      scope: 'Public',
      xml: '<alert/>',
      expires: new Date('2026-12-03T19:00:00Z'),
      current: true,
    })
    expect(JSON.parse(row!.headlines)).toEqual({ 'nl-BE': 'Headline nl-BE', 'fr-BE': 'Headline fr-BE' })
    expect(JSON.parse(row!.languages)).toEqual(['nl-BE', 'fr-BE'])
    expect((JSON.parse(row!.areas) as { features: unknown[] }).features).toHaveLength(1)
  })

  it('keeps an alert with one block without expiry until it is ended, and names CAP’s default language', () => {
    const row = publicAlertRowOf(
      cap({ info: [info(undefined, undefined), info('fr-BE', '2026-12-03T20:00:00+01:00')] }),
      '',
      at,
    )
    expect(row?.expires).toBeNull()
    expect(JSON.parse(row!.languages)).toEqual(['en-US', 'fr-BE'])
  })

  it.each([
    [{ scope: 'Restricted', restriction: 'hulpdiensten' }],
    [{ scope: 'Private', addresses: 'a@b' }],
    [{ status: 'System' }],
    [{ status: 'Draft' }],
    [{ msgType: 'Ack' }],
    [{ msgType: 'Error' }],
  ] as const)('never writes %j', (over) => {
    expect(publicAlertRowOf(cap(over), '<alert/>', at)).toBeNull()
  })
})
