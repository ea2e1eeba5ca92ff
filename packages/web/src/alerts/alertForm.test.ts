import { describe, expect, it } from 'vitest'
import type { CapMessage } from '../api/alertsApi.ts'
import type { AlertForm } from './alertForm.ts'
import {
  areaCheckOf,
  capAreaOf,
  contentOf,
  emptyTexts,
  formOf,
  formProblems,
  languagesLeft,
  newAlertForm,
  shortTextCounts,
} from './alertForm.ts'

const filled: AlertForm = {
  ...newAlertForm('nccn.be', 'fr'),
  status: 'Exercise',
  event: 'Chemical fire',
  category: ['Fire', 'CBRNE'],
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  channels: ['sms', 'feed'],
  texts: [
    {
      ...emptyTexts('fr'),
      headline: 'Incendie',
      shortText: 'Fermez portes et fenêtres',
      description: 'Un incendie.',
    },
    { ...emptyTexts('nl'), headline: 'Brand', shortText: 'Sluit ramen en deuren' },
  ],
  area: {
    desc: 'Visé',
    vertices: '50.73, 5.69\n50.75, 5.72\n50.72, 5.74',
    circleLat: '',
    circleLon: '',
    circleKm: '',
    codes: ['BE-LG'],
  },
}

describe('the composer form', () => {
  it('has no status, urgency, severity or certainty until the author chooses them', () => {
    const fresh = newAlertForm('nccn.be', 'nl')
    expect(formProblems(fresh)).toEqual(['status', 'event', 'category', 'urgency', 'severity', 'certainty'])
    expect(formProblems(filled)).toEqual([])
    expect(languagesLeft(filled)).toEqual(['de', 'en'])
  })

  it('closes the drawn polygon and writes it the CAP way (lat,lon), with the codes as geocodes', () => {
    expect(capAreaOf(filled.area)).toEqual([
      {
        areaDesc: 'Visé',
        polygon: ['50.73,5.69 50.75,5.72 50.72,5.74 50.73,5.69'],
        circle: [],
        geocode: [{ valueName: 'ISO 3166-2', value: 'BE-LG' }],
      },
    ])
    expect(areaCheckOf(filled.area)).toEqual({
      polygons: [
        [
          [5.69, 50.73],
          [5.72, 50.75],
          [5.74, 50.72],
          [5.69, 50.73],
        ],
      ],
      codes: ['BE-LG'],
    })
    expect(areaCheckOf({ ...filled.area, vertices: '', codes: [] })).toBeNull()
  })

  it('writes a circle as "lat,lon radius" and refuses a half-filled one', () => {
    const area = {
      ...filled.area,
      vertices: '',
      codes: [],
      circleLat: '50,6',
      circleLon: '5.57',
      circleKm: '2',
    }
    expect(capAreaOf(area)[0]?.circle).toEqual(['50.6,5.57 2'])
    expect(formProblems({ ...filled, area: { ...area, circleKm: '' } })).toEqual(['circle'])
    expect(formProblems({ ...filled, area: { ...filled.area, vertices: '50.7 north' } })).toEqual([
      'vertices',
    ])
  })

  it('makes one info block per language, the short text a parameter, and reads it back the same', () => {
    const content = contentOf(filled)
    expect(content.status).toBe('Exercise')
    expect(content.info.map((i) => i.language)).toEqual(['fr', 'nl'])
    expect(content.info[0]?.parameter).toEqual([
      { valueName: 'shortText', value: 'Fermez portes et fenêtres' },
    ])
    expect(content.info[1]?.description).toBeUndefined()
    const cap: CapMessage = {
      ...content,
      identifier: 'x',
      sent: '2026-12-03T10:00:00+01:00',
      msgType: 'Alert',
      code: [],
    }
    expect(formOf(cap, content.channels)).toEqual(filled)
  })

  it('counts the SMS with its unsubscribe line and the cell-broadcast pages', () => {
    const counts = shortTextCounts({ language: 'en', shortText: 'a'.repeat(140) })
    // 140 + a line break + "Unsubscribe: reply STOP" (23) = 164 septets: two parts
    expect(counts.sms).toMatchObject({ encoding: 'gsm7', units: 164, parts: 2 })
    expect(counts.cellBroadcast).toMatchObject({ pages: 2, perPage: 93, fits: true })
    expect(shortTextCounts({ language: 'fr', shortText: 'Fenêtres' }).cellBroadcast.encoding).toBe('ucs2')
  })
})
