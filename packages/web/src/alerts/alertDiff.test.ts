import { describe, expect, it } from 'vitest'
import type { CapMessage } from '../api/alertsApi.ts'
import { changedFields, valueAt } from './alertDiff.ts'

const issued: CapMessage = {
  identifier: 'a1',
  sender: 'nccn.be',
  sent: '2026-12-03T10:00:00+01:00',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  code: [],
  info: [
    {
      language: 'fr',
      category: ['Fire'],
      event: 'Incendie',
      responseType: [],
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
      eventCode: [],
      headline: 'Incendie à Visé',
      parameter: [],
      resource: [],
      area: [{ areaDesc: 'Visé', polygon: ['50.7,5.6 50.8,5.7 50.7,5.8 50.7,5.6'], circle: [], geocode: [] }],
    },
  ],
}

describe('the diff an approver sees', () => {
  it('reads a value by its CAP path', () => {
    expect(valueAt(issued, 'alert.info[0].headline')).toBe('Incendie à Visé')
    expect(valueAt(issued, 'alert.info[0].area[0].polygon')).toEqual(['50.7,5.6 50.8,5.7 50.7,5.8 50.7,5.6'])
    expect(valueAt(issued, 'alert.info[3].headline')).toBeUndefined()
  })

  it('lists each changed field before and after, leaving out what every correction changes', () => {
    const correction: CapMessage = {
      ...issued,
      identifier: 'a2',
      sent: '2026-12-03T10:30:00+01:00',
      msgType: 'Update',
      references: 'nccn.be,a1,2026-12-03T10:00:00+01:00',
      info: [{ ...issued.info[0]!, headline: 'Incendie maîtrisé', severity: 'Moderate' }],
    }
    expect(changedFields(issued, correction)).toEqual([
      { path: 'alert.info[0].severity', before: 'Severe', after: 'Moderate' },
      { path: 'alert.info[0].headline', before: 'Incendie à Visé', after: 'Incendie maîtrisé' },
    ])
    expect(changedFields(issued, { ...issued, identifier: 'a3' })).toEqual([])
  })
})
