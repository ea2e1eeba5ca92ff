import type { Organisation, Role } from '@liaison/core'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'

export async function insertOrganisation(db: Kysely<Database>, org: Organisation): Promise<void> {
  await db
    .insertInto('organisations')
    .values({
      id: org.id,
      node_id: org.nodeId,
      code: org.code,
      name: org.name,
      kind: org.kind,
      country: org.country,
      parent_id: org.parentId,
      created_at: org.createdAt,
      grantable_roles: org.grantableRoles === null ? null : [...org.grantableRoles],
    })
    .execute()
}

/** Sets the roles a partner organisation's own administrators may grant. */
export async function setGrantableRolesRow(
  db: Kysely<Database>,
  orgId: string,
  roles: readonly Role[],
): Promise<void> {
  await db
    .updateTable('organisations')
    .set({ grantable_roles: [...roles] })
    .where('id', '=', orgId)
    .execute()
}
