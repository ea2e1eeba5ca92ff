import { describe, expect, it } from 'vitest'
import type { CapAlert, CapInfo } from './CapAlert.ts'
import { broadcastRequest } from './broadcastRequest.ts'

const area = {
  areaDesc: 'Liège',
  polygon: ['50.6,5.5 50.7,5.5 50.7,5.6 50.6,5.5'],
  circle: ['50.63,5.57 5'],
  geocode: [],
}

function info(language: string | undefined, shortText: string, extra: Partial<CapInfo> = {}): CapInfo {
  return {
    ...(language === undefined ? {} : { language }),
    category: ['Safety'],
    event: 'Incendie',
    responseType: ['Shelter'],
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Observed',
    eventCode: [],
    headline: 'Incendie industriel',
    parameter: shortText === '' ? [] : [{ valueName: 'shortText', value: shortText }],
    resource: [],
    area: [area],
    ...extra,
  }
}

const alert: CapAlert = {
  identifier: 'be-1',
  sender: 'alert@nccn.be',
  sent: '2026-12-03T12:00:00+01:00',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  code: [],
  info: [
    info('fr-BE', 'Restez à l’intérieur.'),
    info('nl-BE', 'Blijf binnen.'),
    info('de-BE', 'Bleiben Sie drinnen.'),
  ],
}

const ids = (a: CapAlert, nationalLanguages: string[]) => {
  const request = broadcastRequest(a, { nationalLanguages })
  return request.ok ? request.value.texts.map((t) => [t.language, t.messageId]) : request.error
}

describe('broadcastRequest', () => {
  it.each([
    [
      'Actual',
      ['nl'],
      [
        ['nl-BE', 4375],
        ['fr-BE', 4388],
        ['de-BE', 4388],
      ],
    ],
    [
      'Actual',
      ['fr', 'nl'],
      [
        ['fr-BE', 4375],
        ['nl-BE', 4388],
        ['de-BE', 4388],
      ],
    ],
    [
      'Actual',
      ['de'],
      [
        ['de-BE', 4375],
        ['fr-BE', 4388],
        ['nl-BE', 4388],
      ],
    ],
    // no national language among the texts: the first block is the national one
    [
      'Actual',
      ['lb'],
      [
        ['fr-BE', 4375],
        ['nl-BE', 4388],
        ['de-BE', 4388],
      ],
    ],
    [
      'Exercise',
      ['nl'],
      [
        ['nl-BE', 4381],
        ['fr-BE', 4394],
        ['de-BE', 4394],
      ],
    ],
    [
      'Test',
      ['fr'],
      [
        ['fr-BE', 4380],
        ['nl-BE', 4393],
        ['de-BE', 4393],
      ],
    ],
  ] as const)('gives a %s alert for an operator of %j the identifiers %j', (status, languages, expected) => {
    expect(ids({ ...alert, status }, [...languages])).toEqual(expected)
  })

  it('takes the level from each block, and the headline when there is no short text', () => {
    const request = broadcastRequest(
      {
        ...alert,
        info: [info('nl', '', { severity: 'Extreme', certainty: 'Likely' }), info(undefined, 'Stay inside.')],
      },
      { nationalLanguages: ['nl'] },
    )
    expect(request.ok && request.value.texts).toEqual([
      {
        language: 'nl',
        messageId: 4372,
        additionalLanguage: false,
        text: 'Incendie industriel',
        encoding: 'gsm7',
        pages: ['Incendie industriel'],
      },
      {
        language: 'en-US',
        messageId: 4388,
        additionalLanguage: true,
        text: 'Stay inside.',
        encoding: 'gsm7',
        pages: ['Stay inside.'],
      },
    ])
  })

  it('cuts the pages, UCS-2 when a character needs it, and refuses more than fifteen', () => {
    const long = broadcastRequest(
      { ...alert, info: [info('fr', 'é'.repeat(200))] },
      { nationalLanguages: ['fr'] },
    )
    expect(long.ok && long.value.texts[0]?.pages.map((p) => p.length)).toEqual([93, 93, 14])
    const polish = broadcastRequest(
      { ...alert, info: [info('fr', 'ł'.repeat(100))] },
      { nationalLanguages: ['fr'] },
    )
    expect(polish.ok && polish.value.texts[0]?.pages.map((p) => p.length)).toEqual([41, 41, 18])
    expect(polish.ok && polish.value.texts[0]?.encoding).toBe('ucs2')
    expect(
      broadcastRequest({ ...alert, info: [info('fr', 'a'.repeat(93 * 15))] }, { nationalLanguages: [] }).ok,
    ).toBe(true)
    expect(
      broadcastRequest({ ...alert, info: [info('fr', 'a'.repeat(93 * 15 + 1))] }, { nationalLanguages: [] }),
    ).toEqual({
      ok: false,
      error: 'text_too_long',
    })
  })

  it('gives the area once, polygons and circles, longitude first', () => {
    const request = broadcastRequest(alert, { nationalLanguages: ['fr'] })
    expect(request.ok && request.value.areas).toEqual([
      {
        areaDesc: 'Liège',
        polygons: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [5.5, 50.6],
                [5.5, 50.7],
                [5.6, 50.7],
                [5.5, 50.6],
              ],
            ],
          ],
        },
        circles: [{ centre: [5.57, 50.63], radiusKm: 5 }],
      },
    ])
  })

  it('names the broadcasts an Update or a Cancel replaces, and lets a Cancel go without text or area', () => {
    const references = 'alert@nccn.be,be-1,2026-12-03T12:00:00+01:00'
    const update = broadcastRequest(
      { ...alert, identifier: 'be-2', msgType: 'Update', references },
      {
        nationalLanguages: ['fr'],
      },
    )
    expect(update.ok && [update.value.msgType, update.value.references]).toEqual([
      'Update',
      [{ sender: 'alert@nccn.be', identifier: 'be-1', sent: '2026-12-03T12:00:00+01:00' }],
    ])
    const cancel = broadcastRequest(
      { ...alert, identifier: 'be-3', msgType: 'Cancel', references, info: [] },
      {
        nationalLanguages: ['fr'],
      },
    )
    expect(cancel.ok && [cancel.value.texts, cancel.value.areas, cancel.value.references.length]).toEqual([
      [],
      [],
      1,
    ])
  })

  it.each([
    [{ scope: 'Restricted' }, 'not_public'],
    [{ msgType: 'Ack' }, 'not_broadcast_msg_type'],
    [{ status: 'Draft' }, 'not_broadcast_status'],
    [{ status: 'System' }, 'not_broadcast_status'],
    [{ msgType: 'Update' }, 'no_reference'],
    [{ msgType: 'Cancel', references: 'not a triple' }, 'no_reference'],
    [{ info: [info('fr', '', { headline: ' ' })] }, 'no_text'],
    [{ info: [info('fr', 'x', { severity: 'Moderate' })] }, 'below_eu_alert_levels'],
    [{ info: [info('fr', 'x', { area: [{ ...area, polygon: [], circle: [] }] })] }, 'no_area_geometry'],
    [{ info: [info('fr', 'x'), info('FR', 'y')] }, 'duplicate_language'],
  ] as const)('refuses %j: %s', (change, reason) => {
    expect(broadcastRequest({ ...alert, ...change }, { nationalLanguages: ['fr'] })).toEqual({
      ok: false,
      error: reason,
    })
  })
})
