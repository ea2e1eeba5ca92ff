import { describe, expect, it } from 'vitest'
import {
  isContactStale,
  mayActivatePlan,
  mayAttachFile,
  mayChangeMapFeature,
  mayChangeOwnWork,
  mayChangeRecord,
} from './recordRules.ts'

describe('records kept by one organisation', () => {
  it('lets the keeper change a record, and no one else', () => {
    expect(mayChangeRecord('centre', 'centre').ok).toBe(true)
    expect(mayChangeRecord('centre', 'police')).toEqual({ ok: false, error: 'not_keeper' })
    expect(mayChangeOwnWork('police', 'police').ok).toBe(true)
    expect(mayChangeOwnWork('police', 'centre')).toEqual({ ok: false, error: 'not_author' })
  })

  it.each([
    ['its author at the version read', 'police', 2, { ok: true, value: undefined }],
    ['its author from an older version', 'police', 1, { ok: false, error: 'stale_version' }],
    ['its author without saying the version', 'police', undefined, { ok: false, error: 'stale_version' }],
    ['another organisation', 'centre', 2, { ok: false, error: 'not_author' }],
  ] as const)('changes a map feature by %s', (_who, orgId, fromVersion, outcome) => {
    expect(mayChangeMapFeature({ orgId: 'police', version: 2 }, { orgId, fromVersion })).toEqual(outcome)
  })

  it('activates a plan for a case once', () => {
    expect(mayActivatePlan(false).ok).toBe(true)
    expect(mayActivatePlan(true)).toEqual({ ok: false, error: 'plan_already_active' })
  })

  it('attaches files up to the limit of an entry', () => {
    expect(mayAttachFile(4, 5).ok).toBe(true)
    expect(mayAttachFile(5, 5)).toEqual({ ok: false, error: 'too_many_files' })
  })

  it('flags a contact stale the day after it was to be checked again, not on the day', () => {
    expect(isContactStale('2031-01-15', '2031-01-15')).toBe(false)
    expect(isContactStale('2031-01-15', '2031-01-16')).toBe(true)
    expect(isContactStale('2030-12-31', '2031-01-01')).toBe(true)
  })
})
