import type {
  DirectoryCase,
  DirectoryGroup,
  DirectoryOrganisation,
  Distribution,
  FederationDirectory,
  PeerPolicy,
} from '@liaison/core'
import type { Kysely } from 'kysely'
import { listForeignOrganisations } from './federation/foreignOrganisationRows.ts'
import { listPeers } from './federation/peerRows.ts'
import type { Database } from './schema.ts'

/** The languages an organisation of a country reads until its node publishes its own (issue 9). */
const countryLanguages: Record<string, readonly string[]> = {
  BE: ['fr', 'nl', 'de'],
  NL: ['nl'],
  LU: ['fr', 'de'],
}

/** This node's organisations, as the directory holds them. */
export async function localOrganisations(
  db: Kysely<Database>,
  nodeId: string,
): Promise<DirectoryOrganisation[]> {
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'node_id', 'code', 'name', 'kind', 'country'])
    .where('node_id', '=', nodeId)
    .orderBy('code')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    nodeId: r.node_id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    country: r.country,
    languages: countryLanguages[r.country] ?? [],
  }))
}

/** The organisations the peers published (issue 9, capability 1), kept with their node. */
async function foreignOrganisations(db: Kysely<Database>): Promise<DirectoryOrganisation[]> {
  return (await listForeignOrganisations(db)).map((o) => ({
    id: o.id,
    nodeId: o.nodeId,
    code: o.code,
    name: o.name,
    kind: o.kind,
    country: o.country,
    languages: o.languages,
  }))
}

/** The configured peers and what each may receive. */
export async function peerPolicies(db: Kysely<Database>): Promise<PeerPolicy[]> {
  return (await listPeers(db)).map((p) => ({
    nodeId: p.nodeId,
    statuses: p.statuses,
    tlp: p.tlp,
    distributions: p.distributions,
  }))
}

async function namedCases(db: Kysely<Database>, caseIds: readonly string[]): Promise<DirectoryCase[]> {
  if (caseIds.length === 0) return []
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'owner_org_id', 'participants'])
    .where('id', 'in', [...caseIds])
    .execute()
  return rows.map((r) => ({ id: r.id, ownerOrgId: r.owner_org_id, participantOrgIds: r.participants }))
}

/**
 * The sharing groups named, with the members this node knows (its own organisations; decision
 * 014). The group object itself, versioned and signed, comes with federation: version 0 until then.
 */
async function namedGroups(db: Kysely<Database>, groupIds: readonly string[]): Promise<DirectoryGroup[]> {
  if (groupIds.length === 0) return []
  const rows = await db
    .selectFrom('sharing_group_members')
    .select(['group_id', 'org_id'])
    .where('group_id', 'in', [...groupIds])
    .execute()
  return groupIds.map((id) => ({
    id,
    version: 0,
    memberOrgIds: rows.filter((r) => r.group_id === id).map((r) => r.org_id),
  }))
}

/**
 * What `admission` needs to decide who sees items of these distributions (and of these cases),
 * read from the store: every organisation of this node and the foreign ones, the peers and their
 * policy, the cases and sharing groups named.
 */
export async function loadFederationDirectory(
  db: Kysely<Database>,
  nodeId: string,
  about: {
    readonly distributions: readonly Distribution[]
    readonly caseIds?: readonly string[]
    /** The peers, if the caller has read them already (`peerPolicies`). */
    readonly peers?: FederationDirectory['peers']
  },
): Promise<FederationDirectory> {
  const caseIds = new Set(about.caseIds ?? [])
  const groupIds = new Set<string>()
  for (const d of about.distributions) {
    if (d.kind === 'case') caseIds.add(d.caseId)
    else if (d.kind === 'group') groupIds.add(d.groupId)
  }
  const [local, foreign, peers, cases, groups] = await Promise.all([
    localOrganisations(db, nodeId),
    foreignOrganisations(db),
    about.peers ?? peerPolicies(db),
    namedCases(db, [...caseIds]),
    namedGroups(db, [...groupIds]),
  ])
  return { nodeId, organisations: [...local, ...foreign], peers, cases, groups }
}
