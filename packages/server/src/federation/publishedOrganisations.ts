import type { PublishedOrganisation } from '@liaison/core'
import type { Kysely } from 'kysely'
import { localOrganisations } from '../store/federationDirectory.ts'
import type { Database } from '../store/schema.ts'

/**
 * This node's organisations as it publishes them to its peers, in its node document and in a
 * `node.organisations-published` event: version 1 until an organisation can change what it
 * publishes (docs/federation.md).
 */
export async function publishedOrganisations(
  db: Kysely<Database>,
  nodeId: string,
): Promise<PublishedOrganisation[]> {
  return (await localOrganisations(db, nodeId)).map((o) => ({
    id: o.id,
    code: o.code,
    name: o.name,
    kind: o.kind,
    country: o.country,
    languages: [...o.languages],
    version: 1,
  }))
}
