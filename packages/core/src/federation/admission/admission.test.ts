import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Distribution } from '../../sharing/Distribution.ts'
import type { EventStatus } from '../../sharing/EventStatus.ts'
import { eventStatuses } from '../../sharing/EventStatus.ts'
import type { AudienceFacts } from '../../sharing/localAudience.ts'
import { localAudience } from '../../sharing/localAudience.ts'
import type { Tlp } from '../../sharing/Tlp.ts'
import { sharingRefusal, tlpLevels } from '../../sharing/Tlp.ts'
import type { AdmissionItem } from './admission.ts'
import { admission } from './admission.ts'
import { admissionReasonList, admits } from './admissionReasons.ts'
import type { DirectoryOrganisation, FederationDirectory } from './FederationDirectory.ts'
import { centreOf } from './FederationDirectory.ts'
import { distributionKinds } from '../../sharing/Distribution.ts'

const org = (id: string, nodeId: string, kind: 'centre' | 'partner' = 'partner'): DirectoryOrganisation => ({
  id,
  nodeId,
  code: id,
  name: id,
  kind,
  country: nodeId.toUpperCase(),
  languages: ['en'],
})

// be is this node; nl a peer that receives everything; lu a peer that takes part in actual items
// only and receives no sharing group; de publishes organisations but is not a peer
const directory = (participants: readonly string[]): FederationDirectory => ({
  nodeId: 'be',
  organisations: [
    org('be-centre', 'be', 'centre'),
    org('be-police', 'be'),
    org('be-fire', 'be'),
    org('nl-centre', 'nl', 'centre'),
    org('nl-vrzl', 'nl'),
    org('lu-centre', 'lu', 'centre'),
    org('de-centre', 'de', 'centre'),
  ],
  peers: [
    { nodeId: 'nl', statuses: eventStatuses, tlp: tlpLevels, distributions: distributionKinds },
    {
      nodeId: 'lu',
      statuses: ['actual'],
      tlp: tlpLevels,
      distributions: distributionKinds.filter((k) => k !== 'group'),
    },
  ],
  groups: [{ id: 'g1', version: 3, memberOrgIds: ['be-fire', 'nl-vrzl', 'lu-centre', 'de-centre'] }],
  cases: [{ id: 'c1', ownerOrgId: 'be-police', participantOrgIds: participants }],
})

const seen = (item: AdmissionItem, dir: FederationDirectory) =>
  admission(item, dir)
    .organisations.filter((o) => o.sees)
    .map((o) => o.orgId)
    .sort()
const receivingPeers = (item: AdmissionItem, dir: FederationDirectory) =>
  admission(item, dir)
    .peers.filter((p) => p.receives)
    .map((p) => p.nodeId)

describe('admission: every distribution level × TLP × status × a case whose participants change', () => {
  // who sees an actual TLP:GREEN item of be-police, written at be, for each level and set of participants
  const participantSets: readonly (readonly string[])[] = [
    [],
    ['be-fire'],
    ['be-fire', 'nl-vrzl'],
    ['nl-vrzl', 'lu-centre', 'de-centre'],
  ]
  const levels: readonly [string, Distribution][] = [
    ['organisation', { kind: 'organisation' }],
    ['case', { kind: 'case', caseId: 'c1' }],
    ['an unknown case', { kind: 'case', caseId: 'c9' }],
    ['national', { kind: 'national' }],
    ['neighbours nl', { kind: 'neighbours', nodes: ['nl'] }],
    ['neighbours nl, de', { kind: 'neighbours', nodes: ['nl', 'de'] }],
    ['federation', { kind: 'federation' }],
    ['group g1', { kind: 'group', groupId: 'g1' }],
    ['an unknown group', { kind: 'group', groupId: 'g9' }],
  ]
  const actualGreen = (level: string, participants: readonly string[]): string[] => {
    switch (level) {
      case 'case':
        // de is not a peer: its organisation is named but never reached
        return ['be-police', ...participants.filter((p) => p !== 'de-centre')]
      case 'national':
        return ['be-centre', 'be-fire', 'be-police']
      case 'neighbours nl':
      case 'neighbours nl, de':
        return ['be-centre', 'be-police', 'nl-centre']
      case 'federation':
        return ['be-centre', 'be-police', 'lu-centre', 'nl-centre']
      case 'group g1':
        // lu receives no sharing group, de is not a peer
        return ['be-fire', 'be-police', 'nl-vrzl']
      default:
        return ['be-police']
    }
  }
  const expected = (level: string, tlp: Tlp, status: EventStatus, participants: readonly string[]) => {
    // TLP:RED to a node or the federation reaches its owner only
    if (tlp === 'RED' && ['national', 'neighbours nl', 'neighbours nl, de', 'federation'].includes(level))
      return ['be-police']
    // lu takes part in actual items only
    const out = actualGreen(level, participants).filter((o) => status === 'actual' || o !== 'lu-centre')
    return out.sort()
  }

  const rows = levels.flatMap(([level, distribution]) =>
    tlpLevels.flatMap((tlp) =>
      eventStatuses.flatMap((status) =>
        participantSets.map((participants) => ({ level, distribution, tlp, status, participants })),
      ),
    ),
  )
  it('covers every level, TLP, status and participant set', () => {
    expect(rows).toHaveLength(
      levels.length * tlpLevels.length * eventStatuses.length * participantSets.length,
    )
  })
  it.each(rows)('$level, TLP:$tlp, $status, participants $participants', (row) => {
    const dir = directory(row.participants)
    const item: AdmissionItem = {
      origin: 'be',
      ownerOrgId: 'be-police',
      distribution: row.distribution,
      tlp: row.tlp,
      status: row.status,
    }
    const who = expected(row.level, row.tlp, row.status, row.participants)
    expect(seen(item, dir)).toEqual(who)
    // a peer's stream carries the item exactly when an organisation of its node sees it
    const nodes = [...new Set(who.map((o) => o.slice(0, 2)).filter((n) => n !== 'be'))].sort()
    expect(receivingPeers(item, dir)).toEqual(nodes)
    for (const p of admission(item, dir).peers)
      expect(p.organisationIds).toEqual(who.filter((o) => o.startsWith(`${p.nodeId}-`)))
  })
})

describe('admission: the reasons', () => {
  const dir = directory(['be-fire', 'nl-vrzl', 'de-centre'])
  const reasons = (item: Partial<AdmissionItem>) =>
    Object.fromEntries(
      admission(
        {
          origin: 'be',
          ownerOrgId: 'be-police',
          distribution: { kind: 'national' },
          tlp: 'GREEN',
          status: 'actual',
          ...item,
        },
        dir,
      ).organisations.map((o) => [o.orgId, o.reason]),
    )

  it('names the rule for each organisation considered', () => {
    expect(reasons({ distribution: { kind: 'federation' } })).toEqual({
      'be-centre': 'origin_centre',
      'be-fire': 'centre_only',
      'be-police': 'owner',
      'de-centre': 'not_a_peer',
      'lu-centre': 'federation_centre',
      'nl-centre': 'federation_centre',
      'nl-vrzl': 'centre_only',
    })
    expect(
      reasons({ distribution: { kind: 'neighbours', nodes: ['nl'] }, status: 'exercise' }),
    ).toMatchObject({
      'nl-centre': 'neighbour_centre',
      'lu-centre': 'not_named_neighbour',
    })
    expect(reasons({ distribution: { kind: 'federation' }, status: 'test' })).toMatchObject({
      'lu-centre': 'status_not_received',
    })
    expect(reasons({ distribution: { kind: 'case', caseId: 'c1' } })).toMatchObject({
      'be-fire': 'case_participant',
      'be-centre': 'not_case_participant',
      'nl-vrzl': 'case_participant',
      'de-centre': 'not_a_peer',
    })
    expect(reasons({})).toMatchObject({ 'be-centre': 'national', 'nl-centre': 'stays_on_node' })
    expect(reasons({ distribution: { kind: 'organisation' } })).toMatchObject({
      'be-centre': 'organisation_only',
    })
    expect(reasons({ distribution: { kind: 'group', groupId: 'g1' } })).toMatchObject({
      'nl-vrzl': 'group_member',
      'nl-centre': 'not_group_member',
      'lu-centre': 'peer_not_allowed',
    })
    expect(reasons({ tlp: 'RED' })).toMatchObject({ 'be-police': 'owner', 'be-centre': 'red_named_only' })
  })

  it('says why a peer does not receive it', () => {
    const peers = (item: Partial<AdmissionItem>) =>
      Object.fromEntries(
        admission(
          {
            origin: 'be',
            ownerOrgId: 'be-police',
            distribution: { kind: 'national' },
            tlp: 'GREEN',
            status: 'actual',
            ...item,
          },
          dir,
        ).peers.map((p) => [p.nodeId, p.reason]),
      )
    expect(peers({})).toEqual({ lu: 'stays_on_node', nl: 'stays_on_node' })
    expect(peers({ distribution: { kind: 'organisation' } })).toEqual({
      lu: 'organisation_only',
      nl: 'organisation_only',
    })
    expect(peers({ distribution: { kind: 'federation' }, tlp: 'RED' })).toEqual({
      lu: 'red_named_only',
      nl: 'red_named_only',
    })
    expect(peers({ distribution: { kind: 'neighbours', nodes: ['nl'] } })).toEqual({
      lu: 'nobody_there',
      nl: 'peer_receives',
    })
    expect(peers({ distribution: { kind: 'group', groupId: 'g1' } })).toEqual({
      lu: 'peer_not_allowed',
      nl: 'peer_receives',
    })
    expect(peers({ distribution: { kind: 'federation' }, status: 'exercise' })).toEqual({
      lu: 'status_not_received',
      nl: 'peer_receives',
    })
  })

  it('uses every reason of the closed set somewhere, on the side it says', () => {
    expect(admissionReasonList.filter(admits)).toEqual([
      'owner',
      'case_participant',
      'national',
      'origin_centre',
      'neighbour_centre',
      'federation_centre',
      'group_member',
      'peer_receives',
    ])
  })
})

describe('admission: no item hops on by itself', () => {
  // seen from be: nl wrote it for the federation; be's centre received it
  const dir = directory(['be-fire'])
  const received: AdmissionItem = {
    origin: 'nl',
    ownerOrgId: 'nl-vrzl',
    distribution: { kind: 'federation' },
    tlp: 'GREEN',
    status: 'actual',
  }

  it('puts an item received from another node into no stream', () => {
    const a = admission(received, dir)
    expect(a.peers.map((p) => [p.nodeId, p.receives, p.reason])).toEqual([
      ['lu', false, 'no_hop'],
      ['nl', false, 'no_hop'],
    ])
    // who sees it is still the origin's distribution: the centres, the owner at nl
    expect(seen(received, dir)).toEqual(['be-centre', 'de-centre', 'lu-centre', 'nl-centre', 'nl-vrzl'])
  })

  it('passes it on by an explicit share of a receiving organisation', () => {
    const shared: AdmissionItem = {
      ...received,
      distribution: { kind: 'neighbours', nodes: ['be'] },
      share: { byOrgId: 'be-centre', distribution: { kind: 'case', caseId: 'c1' } },
    }
    const a = admission(shared, dir)
    expect(a.organisations.find((o) => o.orgId === 'be-fire')).toEqual({
      orgId: 'be-fire',
      nodeId: 'be',
      sees: true,
      reason: 'case_participant',
      through: 'share',
    })
    expect(
      seen({ ...shared, share: { byOrgId: 'be-centre', distribution: { kind: 'federation' } } }, dir),
    ).toEqual(['be-centre', 'lu-centre', 'nl-centre', 'nl-vrzl'])
    expect(
      admission(
        { ...shared, share: { byOrgId: 'be-centre', distribution: { kind: 'neighbours', nodes: ['lu'] } } },
        dir,
      )
        .peers.filter((p) => p.receives)
        .map((p) => [p.nodeId, p.organisationIds]),
    ).toEqual([['lu', ['lu-centre']]])
  })

  it('never passes TLP:RED on, and keeps AMBER+STRICT in the receiving organisation', () => {
    const share = { byOrgId: 'be-centre', distribution: { kind: 'case', caseId: 'c1' } as Distribution }
    const base = { ...received, distribution: { kind: 'neighbours', nodes: ['be'] } as Distribution, share }
    const fire = (tlp: Tlp) =>
      admission({ ...base, tlp }, dir).organisations.find((o) => o.orgId === 'be-fire')
    expect(fire('AMBER+STRICT')).toMatchObject({ sees: false, reason: 'amber_strict_stays' })
    expect(fire('AMBER')).toMatchObject({ sees: true, reason: 'case_participant' })
    const toLu = { byOrgId: 'be-centre', distribution: { kind: 'neighbours', nodes: ['lu'] } as Distribution }
    expect(
      admission({ ...base, share: toLu, tlp: 'AMBER+STRICT' }, dir).peers.find((p) => p.nodeId === 'lu'),
    ).toMatchObject({ receives: false, reason: 'amber_strict_stays' })
    // TLP:RED reaches be-fire as a member of g1; be-fire shares it with the case
    const red: AdmissionItem = {
      ...received,
      tlp: 'RED',
      distribution: { kind: 'group', groupId: 'g1' },
      share: { byOrgId: 'be-fire', distribution: { kind: 'case', caseId: 'c1' } },
    }
    const withLu = directory(['be-fire', 'lu-centre'])
    const a = admission(red, withLu)
    expect(a.organisations.find((o) => o.orgId === 'be-police')).toMatchObject({
      sees: false,
      reason: 'red_not_passed_on',
      through: 'share',
    })
    expect(a.peers.map((p) => [p.nodeId, p.receives, p.reason])).toEqual([
      ['lu', false, 'red_not_passed_on'],
      ['nl', false, 'red_not_passed_on'],
    ])
  })

  it('ignores a share by an organisation that does not see the item', () => {
    const item = {
      ...received,
      distribution: { kind: 'neighbours', nodes: ['be'] } as Distribution,
      share: { byOrgId: 'be-fire', distribution: { kind: 'federation' } as Distribution },
    }
    expect(admission(item, dir).peers.every((p) => p.reason === 'no_hop')).toBe(true)
    expect(seen(item, dir)).toEqual(['be-centre', 'nl-centre', 'nl-vrzl'])
  })
})

describe('admission agrees with localAudience for the organisations of this node', () => {
  const orgIds = ['o1', 'o2', 'o3', 'x1', 'x2'] as const
  const arbitraryDirectory: fc.Arbitrary<FederationDirectory> = fc
    .record({
      nodeId: fc.constantFrom('be', 'nl'),
      placed: fc.uniqueArray(
        fc.record({
          id: fc.constantFrom(...orgIds),
          nodeId: fc.constantFrom('be', 'nl', 'lu'),
          kind: fc.constantFrom('centre' as const, 'partner' as const),
        }),
        { selector: (o) => o.id },
      ),
      peers: fc.uniqueArray(fc.constantFrom('be', 'nl', 'lu'), { maxLength: 3 }),
      cases: fc.dictionary(
        fc.constantFrom('c1', 'c2'),
        fc.record({
          owner: fc.constantFrom(...orgIds),
          participants: fc.uniqueArray(fc.constantFrom(...orgIds)),
        }),
      ),
      groups: fc.dictionary(fc.constantFrom('g1', 'g2'), fc.uniqueArray(fc.constantFrom(...orgIds))),
    })
    .map((r) => ({
      nodeId: r.nodeId,
      organisations: r.placed.map((o) => org(o.id, o.nodeId, o.kind)),
      peers: r.peers.map((nodeId) => ({
        nodeId,
        statuses: eventStatuses,
        tlp: tlpLevels,
        distributions: distributionKinds,
      })),
      cases: Object.entries(r.cases).map(([id, c]) => ({
        id,
        ownerOrgId: c.owner,
        participantOrgIds: c.participants,
      })),
      groups: Object.entries(r.groups).map(([id, memberOrgIds]) => ({ id, version: 1, memberOrgIds })),
    }))
  const arbitraryDistribution: fc.Arbitrary<Distribution> = fc.oneof(
    fc.constant({ kind: 'organisation' as const }),
    fc.constant({ kind: 'national' as const }),
    fc.constant({ kind: 'federation' as const }),
    fc.constantFrom('c1', 'c2', 'c3').map((caseId) => ({ kind: 'case' as const, caseId })),
    fc.constantFrom('g1', 'g2', 'g3').map((groupId) => ({ kind: 'group' as const, groupId })),
    fc
      .uniqueArray(fc.constantFrom('be', 'nl', 'lu'), { minLength: 1 })
      .map((nodes) => ({ kind: 'neighbours' as const, nodes })),
  )
  const factsOf = (dir: FederationDirectory): AudienceFacts => ({
    nodeId: dir.nodeId,
    nodeOrgIds: dir.organisations.filter((o) => o.nodeId === dir.nodeId).map((o) => o.id),
    centreOrgId: centreOf(dir, dir.nodeId)?.id ?? null,
    caseParticipants: new Map(dir.cases.map((c) => [c.id, [c.ownerOrgId, ...c.participantOrgIds]])),
    groupMembers: new Map(dir.groups.map((g) => [g.id, g.memberOrgIds])),
  })

  it('admits exactly the local organisations localAudience gives, whenever the TLP allows the distribution', () => {
    fc.assert(
      fc.property(
        arbitraryDirectory,
        arbitraryDistribution,
        fc.constantFrom('be', 'nl', 'lu'),
        fc.constantFrom(...orgIds),
        fc.constantFrom(...tlpLevels),
        fc.constantFrom(...eventStatuses),
        (dir, distribution, origin, ownerOrgId, tlp, status) => {
          fc.pre(sharingRefusal(distribution, tlp) === null)
          // the owner belongs to the origin node
          const owner = dir.organisations.find((o) => o.id === ownerOrgId)
          fc.pre(owner === undefined || owner.nodeId === origin)
          const a = admission({ origin, ownerOrgId, distribution, tlp, status }, dir)
          const local = a.organisations.filter((o) => o.nodeId === dir.nodeId && o.sees).map((o) => o.orgId)
          expect(local.sort()).toEqual(localAudience({ origin, ownerOrgId, distribution }, factsOf(dir)))
          // every organisation is considered once, with a reason on the side it says
          expect(a.organisations.map((o) => o.orgId).sort()).toEqual(
            dir.organisations.map((o) => o.id).sort(),
          )
          for (const o of a.organisations) expect(o.sees).toBe(admits(o.reason))
          // nothing received goes into a stream without a share
          if (origin !== dir.nodeId) expect(a.peers.every((p) => !p.receives)).toBe(true)
        },
      ),
      { numRuns: 500 },
    )
  })
})
