import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { listenForChanges } from './listenForChanges.ts'
import type { Store } from './openStore.ts'
import type { Database } from './schema.ts'

/** The channel that migration 0044's trigger notifies on every change to `organisations`. */
export const organisationsChannel = 'liaison_organisations'

/** What the audience of an event needs to know of one of the node's organisations. */
export interface NodeOrganisation {
  readonly id: string
  readonly kind: string
}

export interface OrganisationsCache {
  /** The node's organisations as last committed, or null while the cache does not hold them. */
  current(): readonly NodeOrganisation[] | null
  close(): Promise<void>
}

/**
 * The node's organisations, kept in this process so that an action writing to the daily log
 * spends no round trip on who may see its event (decision 021's pattern): every change to
 * `organisations` notifies `liaison_organisations` (migration 0044), whoever makes it, and each
 * process drops the list at once and reads it again, outside any action (so it never holds what a
 * transaction has not committed). A read overtaken by a change is not kept; with no listening
 * connection (PGlite; a lost connection) the cache holds nothing and actions read the list in
 * their own transaction, as before.
 */
export function organisationsCache(
  store: Pick<Store, 'listen' | 'db'>,
  nodeId: string,
  log: Logger,
): OrganisationsCache {
  let held: readonly NodeOrganisation[] | null = null
  let generation = 0
  let reading = false
  let closed = false

  const read = async (): Promise<void> => {
    if (reading || closed || !listening.live) return
    reading = true
    const at = generation
    try {
      const rows = await readNodeOrganisations(store.db, nodeId)
      if (at === generation && listening.live && !closed) held = rows
    } catch (error) {
      log.warn({ err: error }, 'could not read the organisations for the cache')
    } finally {
      reading = false
      // changed while it read: read again
      if (at !== generation && listening.live && !closed) void read()
    }
  }
  const listening = listenForChanges(store, organisationsChannel, log, {
    changed: () => {
      generation++
      held = null
      // after listenForChanges has marked itself live (or not)
      queueMicrotask(() => void read())
    },
    lostMessage: 'lost the organisations channel; actions read the organisations until it is back',
  })

  return {
    current: () => (listening.live ? held : null),
    async close() {
      closed = true
      held = null
      await listening.close()
    },
  }
}

/** Every organisation of this node, with its kind. */
export async function readNodeOrganisations(
  db: Kysely<Database>,
  nodeId: string,
): Promise<NodeOrganisation[]> {
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'kind'])
    .where('node_id', '=', nodeId)
    .execute()
  return rows.map((r) => ({ id: r.id, kind: r.kind }))
}
