import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Distribution } from './Distribution.ts'
import { distributionProblem, staysOnNode } from './Distribution.ts'
import type { AudienceFacts } from './localAudience.ts'
import { localAudience } from './localAudience.ts'
import { sharingRefusal, tlpLevels } from './Tlp.ts'

// three organisations on node be: the centre, the police (owns the case), the fire service (takes part)
const facts: AudienceFacts = {
  nodeId: 'be',
  nodeOrgIds: ['centre', 'fire', 'police'],
  centreOrgId: 'centre',
  caseParticipants: new Map([['c1', ['police', 'fire']]]),
  groupMembers: new Map([['g1', ['fire', 'nl-centre']]]),
}

describe('localAudience', () => {
  const cases: [string, Distribution, string, string[]][] = [
    ['organisation: the owner only', { kind: 'organisation' }, 'be', ['police']],
    ['case: its owner and participants', { kind: 'case', caseId: 'c1' }, 'be', ['fire', 'police']],
    ['an unknown case: the event owner only', { kind: 'case', caseId: 'c2' }, 'be', ['police']],
    ['national: every organisation of the node', { kind: 'national' }, 'be', ['centre', 'fire', 'police']],
    [
      'neighbours, on the origin: the owner and the centre',
      { kind: 'neighbours', nodes: ['nl'] },
      'be',
      ['centre', 'police'],
    ],
    [
      'federation, on the origin: the owner and the centre',
      { kind: 'federation' },
      'be',
      ['centre', 'police'],
    ],
    [
      'group: the owner and the members on this node',
      { kind: 'group', groupId: 'g1' },
      'be',
      ['fire', 'police'],
    ],
    ['an unknown group: the owner only', { kind: 'group', groupId: 'g2' }, 'be', ['police']],
    ['organisation, from another node: nobody', { kind: 'organisation' }, 'nl', []],
    ['national, from another node: nobody', { kind: 'national' }, 'nl', []],
    [
      'neighbours naming this node, from another: its centre',
      { kind: 'neighbours', nodes: ['be', 'lu'] },
      'nl',
      ['centre'],
    ],
    ['neighbours not naming this node: nobody', { kind: 'neighbours', nodes: ['lu'] }, 'nl', []],
    ['federation, from another node: the centre', { kind: 'federation' }, 'nl', ['centre']],
    [
      'case, from another node: the local participants',
      { kind: 'case', caseId: 'c1' },
      'nl',
      ['fire', 'police'],
    ],
  ]
  it.each(cases)('%s', (_, distribution, origin, expected) => {
    expect(
      localAudience({ origin, ownerOrgId: origin === 'be' ? 'police' : 'nl-police', distribution }, facts),
    ).toEqual(expected)
  })

  it('a node without a centre gives neighbours and the federation to the owner only', () => {
    expect(
      localAudience(
        { origin: 'be', ownerOrgId: 'police', distribution: { kind: 'federation' } },
        { ...facts, centreOrgId: null },
      ),
    ).toEqual(['police'])
  })

  const distribution: fc.Arbitrary<Distribution> = fc.oneof(
    fc.constant({ kind: 'organisation' as const }),
    fc.constant({ kind: 'national' as const }),
    fc.constant({ kind: 'federation' as const }),
    fc.constantFrom('c1', 'c2', 'c3').map((caseId) => ({ kind: 'case' as const, caseId })),
    fc.constantFrom('g1', 'g2').map((groupId) => ({ kind: 'group' as const, groupId })),
    fc
      .uniqueArray(fc.constantFrom('be', 'nl', 'lu', 'de'), { minLength: 1 })
      .map((nodes) => ({ kind: 'neighbours' as const, nodes })),
  )
  const org = fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', 'x1', 'x2')
  const arbitraryFacts: fc.Arbitrary<AudienceFacts> = fc.record({
    nodeId: fc.constantFrom('be', 'nl'),
    nodeOrgIds: fc.uniqueArray(org),
    centreOrgId: fc.option(org, { nil: null }),
    caseParticipants: fc
      .dictionary(fc.constantFrom('c1', 'c2'), fc.uniqueArray(org))
      .map((d) => new Map(Object.entries(d))),
    groupMembers: fc
      .dictionary(fc.constantFrom('g1', 'g2'), fc.uniqueArray(org))
      .map((d) => new Map(Object.entries(d))),
  })

  it('is fail-closed: only organisations of the node, never more than the distribution names', () => {
    fc.assert(
      fc.property(
        distribution,
        fc.constantFrom('be', 'nl', 'lu'),
        org,
        arbitraryFacts,
        (d, origin, ownerOrgId, f) => {
          const audience = localAudience({ origin, ownerOrgId, distribution: d }, f)
          const here = origin === f.nodeId
          // sorted, unique, all of this node
          expect(audience).toEqual([...new Set(audience)].sort())
          for (const id of audience) expect(f.nodeOrgIds).toContain(id)
          // the owner sees its own item on its node
          if (here && f.nodeOrgIds.includes(ownerOrgId)) expect(audience).toContain(ownerOrgId)
          // what never leaves the node reaches nobody elsewhere
          if (staysOnNode(d) && !here) expect(audience).toEqual([])
          // every organisation in it is the owner or named by the distribution
          for (const id of audience) {
            const named =
              (here && id === ownerOrgId) ||
              (d.kind === 'national' && here) ||
              (d.kind === 'case' && (f.caseParticipants.get(d.caseId) ?? []).includes(id)) ||
              (d.kind === 'group' && (f.groupMembers.get(d.groupId) ?? []).includes(id)) ||
              ((d.kind === 'federation' || d.kind === 'neighbours') && id === f.centreOrgId)
            expect(named).toBe(true)
          }
        },
      ),
    )
  })
})

describe('distributionProblem', () => {
  it.each([
    [{ kind: 'organisation' }, null],
    [{ kind: 'case', caseId: 'c1' }, null],
    [{ kind: 'neighbours', nodes: ['nl'] }, null],
    [{ kind: 'group', groupId: 'g' }, null],
    [null, 'not an object'],
    [{}, 'kind: must be one of organisation, case, national, neighbours, federation, group'],
    [{ kind: 'case' }, 'case: needs a caseId'],
    [{ kind: 'neighbours', nodes: [] }, 'neighbours: needs one or more node ids'],
    [{ kind: 'group', groupId: '' }, 'group: needs a groupId'],
  ])('%j: %s', (value, problem) => {
    expect(distributionProblem(value)).toBe(problem)
  })
})

describe('sharingRefusal', () => {
  it('sends TLP:RED only to named organisations', () => {
    expect(sharingRefusal({ kind: 'case', caseId: 'c' }, 'RED')).toBeNull()
    expect(sharingRefusal({ kind: 'national' }, 'RED')).toBe('red_needs_named_organisations')
    expect(sharingRefusal({ kind: 'federation' }, 'RED')).toBe('red_needs_named_organisations')
    for (const tlp of tlpLevels.filter((t) => t !== 'RED'))
      expect(sharingRefusal({ kind: 'federation' }, tlp)).toBeNull()
  })
})
