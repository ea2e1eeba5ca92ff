import type { Organisation, Role } from '@liaison/core'
import type { Kysely, Selectable } from 'kysely'
import type { Database, OrganisationsTable } from '../schema.ts'

export function toOrganisation(row: Selectable<OrganisationsTable>): Organisation {
  return {
    id: row.id,
    nodeId: row.node_id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    country: row.country,
    parentId: row.parent_id,
    createdAt: row.created_at,
    grantableRoles: row.grantable_roles as Role[] | null,
  }
}

export async function listOrganisations(db: Kysely<Database>, nodeId: string): Promise<Organisation[]> {
  const rows = await db
    .selectFrom('organisations')
    .selectAll()
    .where('node_id', '=', nodeId)
    .orderBy('kind')
    .orderBy('code')
    .execute()
  return rows.map(toOrganisation)
}

export async function findOrganisation(
  db: Kysely<Database>,
  nodeId: string,
  by: { id: string } | { code: string },
): Promise<Organisation | null> {
  let query = db.selectFrom('organisations').selectAll().where('node_id', '=', nodeId)
  query = 'id' in by ? query.where('id', '=', by.id) : query.where('code', '=', by.code)
  const row = await query.executeTakeFirst()
  return row ? toOrganisation(row) : null
}

export async function findCentre(db: Kysely<Database>, nodeId: string): Promise<Organisation | null> {
  const row = await db
    .selectFrom('organisations')
    .selectAll()
    .where('node_id', '=', nodeId)
    .where('kind', '=', 'centre')
    .executeTakeFirst()
  return row ? toOrganisation(row) : null
}
