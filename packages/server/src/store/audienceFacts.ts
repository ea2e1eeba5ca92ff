import type { AudienceFacts, Distribution } from '@liaison/core'
import type { Kysely } from 'kysely'
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
): Promise<AudienceFacts> {
  const caseIds = new Set<string>()
  const groupIds = new Set<string>()
  for (const d of distributions) {
    if (d.kind === 'case') caseIds.add(d.caseId)
    else if (d.kind === 'group') groupIds.add(d.groupId)
  }
  const organisations = await db
    .selectFrom('organisations')
    .select(['id', 'kind'])
    .where('node_id', '=', nodeId)
    .execute()
  const caseParticipants = new Map<string, readonly string[]>()
  if (caseIds.size > 0) {
    const cases = await db
      .selectFrom('cases')
      .select(['id', 'owner_org_id', 'participants'])
      .where('id', 'in', [...caseIds])
      .execute()
    for (const c of cases) caseParticipants.set(c.id, [c.owner_org_id, ...c.participants])
  }
  const groupMembers = new Map<string, string[]>()
  if (groupIds.size > 0) {
    const members = await db
      .selectFrom('sharing_group_members')
      .select(['group_id', 'org_id'])
      .where('group_id', 'in', [...groupIds])
      .execute()
    for (const m of members) groupMembers.set(m.group_id, [...(groupMembers.get(m.group_id) ?? []), m.org_id])
  }
  return {
    nodeId,
    nodeOrgIds: organisations.map((o) => o.id),
    centreOrgId: organisations.find((o) => o.kind === 'centre')?.id ?? null,
    caseParticipants,
    groupMembers,
  }
}
