import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { fr } from '../i18n/fr.ts'
import type { LogEntryRecord } from '../api/casesApi.ts'
import {
  mergeEntry,
  scalingLevelLabel,
  pointFromInput,
  pointLabel,
  scalingChoiceOf,
  scalingOf,
  titleFromText,
} from './caseHelpers.ts'

const entry = (id: string, extra: Partial<LogEntryRecord> = {}): LogEntryRecord => ({
  id,
  caseId: null,
  orgId: 'org_1',
  authorId: 'usr_1',
  authorName: 'Dirk Duty',
  occurredAt: '2026-01-01T10:00:00Z',
  occurred: { at: '2026-01-01T10:00:00Z', zone: 'Z', qualifier: 'exact' },
  recordedAt: '2026-01-01T10:00:00Z',
  discipline: 'multidisciplinary',
  source: 'phone',
  text: 'text',
  location: null,
  supersedes: null,
  supersededBy: null,
  ...extra,
})

describe('a case from a log entry', () => {
  it('takes its title from the first words', () => {
    expect(titleFromText('  Gas smell near the quay ')).toBe('Gas smell near the quay')
    expect(titleFromText('one two three four five six seven eight nine')).toBe(
      'one two three four five six seven eight…',
    )
  })
})

describe('log entries arriving twice', () => {
  it('keeps the attachments a live copy leaves out', () => {
    const withFile = entry('a', {
      attachments: [{ id: 'att_1', fileName: 'note.txt', contentType: 'text/plain', size: 5 }],
    })
    expect(mergeEntry(withFile, entry('a')).attachments).toHaveLength(1)
    expect(mergeEntry(entry('a'), withFile).attachments).toHaveLength(1)
  })
})

describe('pointLabel and pointFromInput', () => {
  it('labels a point with its hemispheres', () => {
    expect(pointLabel({ lat: 50.7394, lon: 5.6986 })).toBe('50.7394° N, 5.6986° E')
    expect(pointLabel({ lat: -1.5, lon: -70.25 })).toBe('1.5000° S, 70.2500° W')
  })

  it('reads both coordinates or neither', () => {
    expect(pointFromInput('', ' ')).toBeNull()
    expect(pointFromInput('50,7394', '5.6986')).toEqual({ lat: 50.7394, lon: 5.6986 })
    expect(pointFromInput('50.7', '')).toBe('invalid')
    expect(pointFromInput('91', '5')).toBe('invalid')
    expect(pointFromInput('abc', '5')).toBe('invalid')
  })
})

describe('the scaling chosen in a case form', () => {
  it.each([
    [{ doctrine: '', level: 'GRIP 2', planLevel: 'alert' }, null],
    [
      { doctrine: 'NL', level: '', planLevel: '' },
      { doctrine: 'NL', level: 'GRIP 0' },
    ],
    [
      { doctrine: 'NL', level: 'GRIP 3', planLevel: 'alert' },
      { doctrine: 'NL', level: 'GRIP 3' },
    ],
    [
      { doctrine: 'BE', level: 'provincial', planLevel: '' },
      { doctrine: 'BE', level: 'provincial', planLevel: null },
    ],
  ] as const)('reads %o as %o', (choice, scaling) => {
    expect(scalingOf(choice)).toEqual(scaling)
  })

  it('goes back to the same scaling', () => {
    for (const scaling of [
      { doctrine: 'LU', level: '1' },
      { doctrine: 'BE', level: 'federal', planLevel: null },
    ] as const)
      expect(scalingOf(scalingChoiceOf(scaling))).toEqual(scaling)
    expect(scalingOf(scalingChoiceOf(null))).toBeNull()
  })
})

describe('scalingLevelLabel', () => {
  it("says Belgium's phases in words and leaves GRIP and the Luxembourg scale as written", async () => {
    const i18n = i18next.createInstance()
    await i18n.init({ lng: 'fr', resources: { fr: { translation: fr } } })
    const t = i18n.t
    expect(scalingLevelLabel(t, { doctrine: 'BE', level: 'federal', planLevel: null })).toBe('Phase fédérale')
    expect(scalingLevelLabel(t, { doctrine: 'NL', level: 'GRIP 2' })).toBe('GRIP 2')
    expect(scalingLevelLabel(t, { doctrine: 'LU', level: '1' })).toBe('1')
  })
})
