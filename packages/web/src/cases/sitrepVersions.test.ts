import { describe, expect, it } from 'vitest'
import type { SitrepRecord, SitrepVersionRecord } from '../api/casesApi.ts'
import { changedFields, earlierVersions, readSitrepContent, versionAuthorNames } from './sitrepVersions.ts'

const none = { dead: 0, injured: 0, missing: 0, evacuated: 0 }
const content = {
  conditions: 'Fire at the depot.',
  actions: '',
  needs: '',
  resources: '',
  casualties: none,
  nextUpdateAt: null,
}

const current: SitrepRecord = {
  id: 'sit_1',
  caseId: 'case_1',
  number: 1,
  version: 3,
  state: 'draft',
  periodFrom: '2026-03-01T08:00:00.000Z',
  periodTo: '2026-03-01T10:00:00.000Z',
  ...content,
  conditions: 'Fire at the depot, under control.',
  casualties: { ...none, injured: 2 },
  nextUpdateAt: '2026-03-01T12:00:00.000Z',
  draftedBy: 'usr_drafter',
  approvedBy: null,
  approvedAt: null,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:30:00.000Z',
}

const versions: SitrepVersionRecord[] = [
  // the second edit's row first: the order of the answer does not matter
  {
    version: 2,
    content: {
      ...content,
      casualties: { ...none, injured: 2 },
      nextUpdateAt: '2026-03-01T12:00:00.000Z',
      updatedAt: '2026-03-01T10:10:00.000Z',
    },
    replacedAt: '2026-03-01T10:30:00.000Z',
    replacedBy: 'usr_second',
  },
  {
    version: 1,
    content: { ...content, updatedAt: '2026-03-01T10:00:00.000Z' },
    replacedAt: '2026-03-01T10:10:00.000Z',
    replacedBy: 'usr_first',
  },
]

describe("a report's earlier versions", () => {
  it('lists them newest first, each saved by whoever replaced the one before', () => {
    const earlier = earlierVersions(current, versions)
    expect(earlier.map((v) => [v.version, v.savedAt, v.savedBy, v.replacedBy])).toEqual([
      [2, '2026-03-01T10:10:00.000Z', 'usr_first', 'usr_second'],
      [1, '2026-03-01T10:00:00.000Z', 'usr_drafter', 'usr_first'],
    ])
  })

  it('says what the next version changed', () => {
    const [second, first] = earlierVersions(current, versions)
    expect(first?.changedNext).toEqual(['casualties', 'nextUpdateAt'])
    expect(second?.changedNext).toEqual(['conditions'])
  })

  it('does not guess what changed after a version it cannot see', () => {
    const [only] = earlierVersions({ ...current, version: 5 }, versions.slice(0, 1))
    expect(only?.version).toBe(2)
    expect(only?.changedNext).toBeNull()
  })
})

describe('the content of a stored version', () => {
  it('reads an object or its JSON text', () => {
    const stored = { ...content, casualties: { ...none, dead: 1 }, updatedAt: '2026-03-01T10:00:00.000Z' }
    expect(readSitrepContent(stored)).toEqual(stored)
    expect(readSitrepContent(JSON.stringify(stored))).toEqual(stored)
  })

  it('reads what is missing or malformed as empty', () => {
    expect(readSitrepContent({ conditions: 7, casualties: { dead: -1, injured: 'x' } })).toEqual({
      conditions: '',
      actions: '',
      needs: '',
      resources: '',
      casualties: none,
      nextUpdateAt: null,
      updatedAt: null,
    })
    expect(readSitrepContent('not json')).toMatchObject({ conditions: '', updatedAt: null })
  })
})

describe('what changed between two versions', () => {
  it.each([
    [{}, []],
    [{ needs: 'Sandbags' }, ['needs']],
    [{ casualties: { ...none, missing: 1 } }, ['casualties']],
    [{ nextUpdateAt: '2026-03-01T12:00:00Z' }, ['nextUpdateAt']],
    [{ conditions: 'x', resources: 'y' }, ['conditions', 'resources']],
  ])('%o changes %o', (change, fields) => {
    expect(changedFields(content, { ...content, ...change })).toEqual(fields)
  })

  it('reads the same instant written two ways as unchanged', () => {
    expect(
      changedFields(
        { ...content, nextUpdateAt: '2026-03-01T12:00:00Z' },
        { ...content, nextUpdateAt: '2026-03-01T12:00:00.000Z' },
      ),
    ).toEqual([])
  })
})

describe('versionAuthorNames', () => {
  const version = (n: number, replacedBy: string, replacedByName?: string): SitrepVersionRecord => ({
    version: n,
    content: {},
    replacedAt: '2026-03-01T10:00:00.000Z',
    replacedBy,
    ...(replacedByName === undefined ? {} : { replacedByName }),
  })

  it("names a partner's officer from the node's replacedByName, beside the organisation's people", () => {
    const names = versionAuthorNames(
      [{ id: 'usr_drafter', displayName: 'Dirk Duty' }],
      [version(1, 'usr_partner', 'Paul Partner (Police fédérale)'), version(2, 'usr_drafter', 'Dirk Duty')],
    )
    expect(names.get('usr_partner')).toBe('Paul Partner (Police fédérale)')
    expect(names.get('usr_drafter')).toBe('Dirk Duty')
  })

  it('leaves out a missing or empty replacedByName (older nodes, a removed account)', () => {
    const names = versionAuthorNames(
      [{ id: 'usr_drafter', displayName: 'Dirk Duty' }],
      [version(1, 'usr_gone', ''), version(2, 'usr_other'), version(3, 'usr_drafter', '')],
    )
    expect(names.has('usr_gone')).toBe(false)
    expect(names.has('usr_other')).toBe(false)
    expect(names.get('usr_drafter')).toBe('Dirk Duty')
  })
})
