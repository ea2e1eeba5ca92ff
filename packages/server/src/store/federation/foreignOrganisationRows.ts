import type { DirectoryOrganisation } from '@liaison/core'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../schema.ts'

/** An organisation a peer published, as kept here: with its node and the version last received. */
export interface ForeignOrganisation extends DirectoryOrganisation {
  readonly version: number
  readonly receivedAt: Date
}

/** The organisations peers published, by node then code; of one peer when `nodeId` is given. */
export async function listForeignOrganisations(
  db: Kysely<Database>,
  nodeId?: string,
): Promise<ForeignOrganisation[]> {
  let query = db.selectFrom('foreign_organisations').selectAll().orderBy('peer_node_id').orderBy('code')
  if (nodeId !== undefined) query = query.where('peer_node_id', '=', nodeId)
  const rows = await query.execute()
  return rows.map((r) => ({
    id: r.org_id,
    nodeId: r.peer_node_id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    country: r.country,
    languages: r.languages,
    version: r.version,
    receivedAt: r.received_at,
  }))
}

/**
 * Replaces what a peer published with its latest list: an organisation it no longer lists goes;
 * one whose version is not newer than what is kept stays as it was.
 */
export async function replaceForeignOrganisations(
  db: Kysely<Database>,
  nodeId: string,
  organisations: readonly Omit<ForeignOrganisation, 'nodeId' | 'receivedAt'>[],
  at: Date,
): Promise<void> {
  const ids = organisations.map((o) => o.id)
  let gone = db.deleteFrom('foreign_organisations').where('peer_node_id', '=', nodeId)
  if (ids.length > 0) gone = gone.where('org_id', 'not in', ids)
  await gone.execute()
  if (organisations.length === 0) return
  await db
    .insertInto('foreign_organisations')
    .values(
      organisations.map((o) => ({
        peer_node_id: nodeId,
        org_id: o.id,
        code: o.code,
        name: o.name,
        kind: o.kind,
        country: o.country,
        languages: [...o.languages],
        version: o.version,
        received_at: at,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['peer_node_id', 'org_id'])
        .doUpdateSet((eb) => ({
          code: eb.ref('excluded.code'),
          name: eb.ref('excluded.name'),
          kind: eb.ref('excluded.kind'),
          country: eb.ref('excluded.country'),
          languages: eb.ref('excluded.languages'),
          version: eb.ref('excluded.version'),
          received_at: eb.ref('excluded.received_at'),
        }))
        .where('foreign_organisations.version', '<', (eb) => eb.ref('excluded.version')),
    )
    .execute()
}

/**
 * Of these organisation ids, those already taken by another organisation: one of this node's, or
 * one another peer published.
 */
export async function takenOrganisationIds(
  db: Kysely<Database>,
  peerNodeId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return []
  const [local, foreign] = await Promise.all([
    db
      .selectFrom('organisations')
      .select('id')
      .where(sql<boolean>`id::text = any(${[...ids]})`)
      .execute(),
    db
      .selectFrom('foreign_organisations')
      .select('org_id')
      .where('org_id', 'in', [...ids])
      .where('peer_node_id', '<>', peerNodeId)
      .execute(),
  ])
  return [...local.map((r) => r.id), ...foreign.map((r) => r.org_id)].sort()
}

/** The id of an organisation a peer published, by its id or by its node and code; null if none. */
export async function findForeignOrganisationId(
  db: Kysely<Database>,
  by: { readonly id: string } | { readonly nodeId: string; readonly code: string },
): Promise<string | null> {
  let query = db.selectFrom('foreign_organisations').select('org_id')
  query =
    'id' in by
      ? query.where('org_id', '=', by.id)
      : query.where('peer_node_id', '=', by.nodeId).where('code', '=', by.code)
  return (await query.executeTakeFirst())?.org_id ?? null
}

/** The centre of each peer, with its country: the neighbour an alert near that country's border is proposed to. */
export async function peerCentres(
  db: Kysely<Database>,
): Promise<{ readonly nodeId: string; readonly orgId: string; readonly country: string }[]> {
  const rows = await db
    .selectFrom('foreign_organisations')
    .select(['peer_node_id', 'org_id', 'country'])
    .where('kind', '=', 'centre')
    .orderBy('peer_node_id')
    .execute()
  return rows.map((r) => ({ nodeId: r.peer_node_id, orgId: r.org_id, country: r.country }))
}
