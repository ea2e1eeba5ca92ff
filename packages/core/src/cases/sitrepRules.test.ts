import { describe, expect, it } from 'vitest'
import { mayApproveSitrep, mayDraftSitrep, mayReviseSitrep } from './sitrepRules.ts'

const draft = { state: 'draft', version: 3 } as const
const approved = { state: 'approved', version: 3 } as const

describe('the situation report lifecycle', () => {
  it('drafts the first report, and the next only once the previous one is approved', () => {
    expect(mayDraftSitrep(undefined).ok).toBe(true)
    expect(mayDraftSitrep(approved).ok).toBe(true)
    expect(mayDraftSitrep(draft)).toEqual({ ok: false, error: 'previous_sitrep_draft' })
  })

  it.each([
    ['a draft at the version read', draft, 3, { ok: true, value: 4 }],
    ['a draft changed meanwhile', draft, 2, { ok: false, error: 'stale_version' }],
    ['an approved report', approved, 3, { ok: false, error: 'sitrep_frozen' }],
    ['an approved report, stale too', approved, 1, { ok: false, error: 'sitrep_frozen' }],
  ] as const)('revises %s', (_what, sitrep, version, outcome) => {
    expect(mayReviseSitrep(sitrep, version)).toEqual(outcome)
  })

  it.each([
    ['a draft at the version read', draft, 3, { ok: true, value: undefined }],
    ['a draft changed meanwhile', draft, 4, { ok: false, error: 'stale_version' }],
    ['an approved report', approved, 3, { ok: false, error: 'already_approved' }],
  ] as const)('approves %s', (_what, sitrep, version, outcome) => {
    expect(mayApproveSitrep(sitrep, version)).toEqual(outcome)
  })
})
