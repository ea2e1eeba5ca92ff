import type { AudienceFacts, Distribution } from '@liaison/core'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { NodeOrganisation } from './organisationsCache.ts'
import type { Database } from './schema.ts'

/**
 * What `localAudience` needs to know for these distributions, read from the store (in the
 * caller's transaction, so an action's own changes count): the node's organisations and centre,
 * the owner and participants of each case named, the local members of each sharing group named.
 */
export async function loadAudienceFacts(
  db: Kysely<Database>,
  nodeId: string,
  distributions: readonly Distribution[],
  known?: {
    /** The node's organisations as last committed (`organisationsCache`), if this process holds them. */
    readonly organisations: readonly NodeOrganisation[] | null
    /** The items' owners: the list is used only if it has every one of them. */
    readonly owners: readonly string[]
    /** The owner and participants of cases the action read in its transaction and did not change. */
    readonly cases?: ReadonlyMap<string, readonly string[]>
  },
): Promise<AudienceFacts> {
  // the daily log's and the node's own items name no case or group, and an entry in a case names
  // one the action read: the cached list is enough, unless the action made an organisation it does
  // not have yet
  const cached = known?.organisations
  const cases = known?.cases ?? new Map<string, readonly string[]>()
  if (
    cached &&
    distributions.every(
      (d) => d.kind === 'organisation' || d.kind === 'national' || (d.kind === 'case' && cases.has(d.caseId)),
    ) &&
    known.owners.every((owner) => cached.some((o) => o.id === owner))
  )
    return {
      nodeId,
      nodeOrgIds: cached.map((o) => o.id),
      centreOrgId: cached.find((o) => o.kind === 'centre')?.id ?? null,
      caseParticipants: cases,
      groupMembers: new Map(),
    }
  const caseIds = new Set<string>()
  const groupIds = new Set<string>()
  for (const d of distributions) {
    if (d.kind === 'case') caseIds.add(d.caseId)
    else if (d.kind === 'group') groupIds.add(d.groupId)
  }
  // one statement, one round trip, whatever the distributions name: it runs inside every action
  // that emits (decision 014)
  const { rows } = await sql<{ k: 'org' | 'case' | 'group'; id: string; v: string; p: string[] | null }>`
    select 'org' as k, id::text as id, kind::text as v, null::text[] as p
      from organisations where node_id = ${nodeId}
    union all
    select 'case', id::text, owner_org_id::text, participants::text[]
      from cases where id = any(${[...caseIds]}::uuid[])
    union all
    select 'group', group_id::text, org_id::text, null
      from sharing_group_members where group_id = any(${[...groupIds]}::uuid[])`.execute(db)
  const organisations: { id: string; kind: string }[] = []
  const caseParticipants = new Map<string, readonly string[]>()
  const groupMembers = new Map<string, string[]>()
  for (const r of rows) {
    if (r.k === 'org') organisations.push({ id: r.id, kind: r.v })
    else if (r.k === 'case') caseParticipants.set(r.id, [r.v, ...(r.p ?? [])])
    else groupMembers.set(r.id, [...(groupMembers.get(r.id) ?? []), r.v])
  }
  return {
    nodeId,
    nodeOrgIds: organisations.map((o) => o.id),
    centreOrgId: organisations.find((o) => o.kind === 'centre')?.id ?? null,
    caseParticipants,
    groupMembers,
  }
}
