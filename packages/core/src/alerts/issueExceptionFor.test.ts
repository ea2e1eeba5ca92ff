import { describe, expect, it } from 'vitest'
import type { CapAlert, CapArea, CapInfo } from './CapAlert.ts'
import { issueExceptionFor, narrows, referencesAlert } from './issueExceptionFor.ts'
import { prepareCorrection, referenceTo } from './prepareCorrection.ts'
import { validateCapAlert } from './validateCapAlert.ts'

const wide: CapArea = {
  areaDesc: 'Anvers / Antwerpen',
  polygon: ['51.10,4.20 51.10,4.60 51.35,4.60 51.35,4.20 51.10,4.20'],
  circle: [],
  geocode: [],
}
const port: CapArea = { areaDesc: 'Haven', polygon: [], circle: ['51.30,4.30 3'], geocode: [] }
const info: CapInfo = {
  language: 'nl-BE',
  category: ['CBRNE'],
  event: 'Chemische brand',
  responseType: ['Shelter'],
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  eventCode: [],
  expires: '2026-12-03T18:00:00+01:00',
  headline: 'Sluit ramen en deuren',
  parameter: [],
  resource: [],
  area: [wide, port],
}
const issued: CapAlert = {
  identifier: 'BE-2026-0007',
  sender: 'alert@nccn.be',
  sent: '2026-12-03T12:00:00+01:00',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  code: [],
  info: [info],
}
const fresh = { identifier: 'BE-2026-0008', sent: '2026-12-03T12:30:00+01:00' }
const none = { replaced: null, template: null }

describe('prepareCorrection', () => {
  it.each(['Update', 'Cancel'] as const)(
    'prepares a valid %s referencing the issued alert, same audience',
    (kind) => {
      const next = prepareCorrection(issued, kind, fresh)
      expect(next).toMatchObject({
        msgType: kind,
        identifier: fresh.identifier,
        sent: fresh.sent,
        scope: 'Public',
      })
      expect(next.references).toBe('alert@nccn.be,BE-2026-0007,2026-12-03T12:00:00+01:00')
      expect(next.info[0]?.area).toEqual(issued.info[0]?.area)
      expect(validateCapAlert(next)).toEqual([])
      expect(referencesAlert(next, issued)).toBe(true)
    },
  )

  it('names the whole chain when correcting a correction', () => {
    const update = prepareCorrection(issued, 'Update', fresh)
    const cancel = prepareCorrection(update, 'Cancel', { identifier: 'BE-2026-0009', sent: fresh.sent })
    expect(cancel.references).toBe(`${referenceTo(issued)} ${referenceTo(update)}`)
    expect(validateCapAlert(cancel)).toEqual([])
  })
})

describe('issueExceptionFor', () => {
  it('finds none for a new alert, nor one from a template not pre-approved or changed', () => {
    expect(issueExceptionFor(issued, none)).toBeNull()
    expect(
      issueExceptionFor(issued, { replaced: null, template: { preApproved: false, intact: true } }),
    ).toBeNull()
    expect(
      issueExceptionFor(issued, { replaced: null, template: { preApproved: true, intact: false } }),
    ).toBeNull()
    expect(issueExceptionFor(issued, { replaced: null, template: { preApproved: true, intact: true } })).toBe(
      'template',
    )
  })

  it('lets a Cancel referencing the issued alert through, and not one referencing another', () => {
    const cancel = prepareCorrection(issued, 'Cancel', fresh)
    expect(issueExceptionFor(cancel, { replaced: issued, template: null })).toBe('cancel')
    expect(issueExceptionFor(cancel, none)).toBeNull()
    expect(
      issueExceptionFor(
        { ...cancel, references: referenceTo({ ...issued, identifier: 'X' }) },
        { replaced: issued, template: null },
      ),
    ).toBeNull()
    expect(
      issueExceptionFor({ ...cancel, status: 'Exercise' }, { replaced: issued, template: null }),
    ).toBeNull()
  })

  it('lets a narrowing Update through: fewer areas, lower severity, earlier expiry, texts corrected', () => {
    const update = prepareCorrection(issued, 'Update', fresh)
    const narrower: CapAlert = {
      ...update,
      info: [
        {
          ...info,
          area: [port],
          severity: 'Moderate',
          urgency: 'Expected',
          expires: '2026-12-03T15:00:00+01:00',
          instruction: 'Alleen nog in de haven: ramen dicht.',
        },
      ],
    }
    expect(narrows(update, issued)).toBe(true)
    expect(issueExceptionFor(narrower, { replaced: issued, template: null })).toBe('narrowing')
  })

  it.each<[string, Partial<CapInfo> | Partial<CapAlert>, 'info' | 'alert']>([
    ['a new area', { area: [wide, port, { ...port, areaDesc: 'Gent' }] }, 'info'],
    ['a moved area', { area: [{ ...port, circle: ['51.30,4.30 5'] }] }, 'info'],
    ['a higher severity', { severity: 'Extreme' }, 'info'],
    ['a language it did not have', { language: 'fr-BE' }, 'info'],
    ['a later expiry', { expires: '2026-12-03T20:00:00+01:00' }, 'info'],
    ['no expiry where there was one', { expires: undefined }, 'info'],
    ['another scope', { scope: 'Restricted', restriction: 'crisis centres' }, 'alert'],
    ['another status', { status: 'Exercise' }, 'alert'],
  ])('refuses an Update with %s', (_what, change, where) => {
    const update = prepareCorrection(issued, 'Update', fresh)
    const changed: CapAlert =
      where === 'info'
        ? { ...update, info: [{ ...info, ...(change as Partial<CapInfo>) }] }
        : { ...update, ...change }
    expect(issueExceptionFor(changed, { replaced: issued, template: null })).toBeNull()
  })
})
