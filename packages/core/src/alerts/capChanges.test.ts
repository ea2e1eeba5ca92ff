import { describe, expect, it } from 'vitest'
import type { CapAlert, CapInfo } from './CapAlert.ts'
import { capChanges } from './capChanges.ts'

const info: CapInfo = {
  language: 'fr-BE',
  category: ['Fire'],
  event: 'Incendie',
  responseType: ['Shelter'],
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  eventCode: [],
  headline: 'Fermez portes et fenêtres',
  parameter: [],
  resource: [],
  area: [{ areaDesc: 'Liège', polygon: [], circle: ['50.63,5.57 3'], geocode: [] }],
}
const alert: CapAlert = {
  identifier: 'x',
  sender: 'alert@nccn.be',
  sent: '2026-12-03T12:00:00+01:00',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  code: [],
  info: [info],
}

describe('capChanges', () => {
  it('finds nothing between a version and itself, nor in the sent time', () => {
    expect(capChanges(alert, { ...alert, sent: '2026-12-03T13:00:00+01:00' })).toEqual([])
  })

  it('names each changed field, an added block, and a changed list as a whole', () => {
    const after: CapAlert = {
      ...alert,
      status: 'Exercise',
      info: [
        { ...info, headline: 'Restez à l’intérieur', area: [{ ...info.area[0]!, circle: ['50.63,5.57 5'] }] },
        { ...info, language: 'de-BE' },
      ],
    }
    expect(capChanges(alert, after)).toEqual([
      'alert.status',
      'alert.info[0].headline',
      'alert.info[0].area[0].circle',
      'alert.info[1]',
    ])
    expect(capChanges(alert, { ...alert, note: 'ajoutée' })).toEqual(['alert.note'])
    expect(capChanges({ ...alert, note: 'retirée' }, alert)).toEqual(['alert.note'])
  })
})
