import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '../api/casesApi.ts'
import { withCasePage } from './casePages.ts'

const aCase = (id: string, title = `Case ${id}`): CaseRecord => ({
  id,
  ownerOrgId: 'org_1',
  kind: 'incident',
  status: 'actual',
  type: 'flood',
  title,
  description: '',
  location: null,
  startsAt: '2026-01-01T10:00:00Z',
  endsAt: null,
  severity: 'moderate',
  state: 'open',
  disciplines: [],
  scaling: null,
  scalingCrosswalk: null,
  participants: [],
  createdAt: '2026-01-01T10:00:00Z',
  createdBy: 'usr_1',
  updatedAt: '2026-01-01T10:00:00Z',
  fromLogEntry: null,
})

const ids = (page: { items: readonly CaseRecord[] }): string[] => page.items.map((c) => c.id)

describe('withCasePage', () => {
  it('shows the first page as it came', () => {
    const first = { items: [aCase('a'), aCase('b')], next: 'b' }
    expect(withCasePage(null, first)).toBe(first)
  })

  it('adds the next page below, and takes its next', () => {
    const shown = { items: [aCase('a'), aCase('b')], next: 'b' }
    const more = withCasePage(shown, { items: [aCase('c'), aCase('d')], next: 'd' })
    expect(ids(more)).toEqual(['a', 'b', 'c', 'd'])
    expect(more.next).toBe('d')
    const last = withCasePage(more, { items: [aCase('e')], next: null })
    expect(ids(last)).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(last.next).toBeNull()
  })

  it('never shows a case twice: one met again keeps its place, as the newer page has it', () => {
    const shown = { items: [aCase('a'), aCase('b')], next: 'b' }
    const more = withCasePage(shown, { items: [aCase('c'), aCase('a', 'Renamed')], next: null })
    expect(ids(more)).toEqual(['a', 'b', 'c'])
    expect(more.items[0]?.title).toBe('Renamed')
  })

  it('takes an empty last page', () => {
    const shown = { items: [aCase('a')], next: 'a' }
    const more = withCasePage(shown, { items: [], next: null })
    expect(ids(more)).toEqual(['a'])
    expect(more.next).toBeNull()
  })
})
