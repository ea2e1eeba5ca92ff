import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Alert proposals across borders (issue 10, capability 9; decision 042): one row per proposal, on
 * the sending node (`sent`: to which neighbour, and what it answered) and on the receiving node
 * (`received`: from which peer, for which of this node's organisations, and its answer), keyed by
 * the origin and the proposal's id there. The proposal itself is kept as sent (`proposal`, JSON,
 * read only). One proposal per alert and neighbour. And, on `alerts`, the language warnings its
 * author overrode with the reason (`language_override`), for the approver and the history.
 */
export const m0045_alert_proposals: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('alert_proposals')
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('sent', 'received')`))
      .addColumn('to_node', 'text', (c) => c.notNull())
      .addColumn('alert_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('Actual', 'Exercise', 'Test')`))
      .addColumn('audience', sql`text[]`, (c) => c.notNull())
      .addColumn('proposal', 'jsonb', (c) => c.notNull())
      .addColumn('state', 'text', (c) =>
        c.notNull().check(sql`state in ('proposed', 'adopted', 'declined', 'noted')`),
      )
      .addColumn('reason', 'text')
      .addColumn('answered_at', 'timestamptz')
      .addColumn('answered_by', 'text')
      .addColumn('answered_org_id', 'text')
      .addColumn('adopted_alert_id', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('alert_proposals_pk', ['origin', 'id'])
      .addUniqueConstraint('alert_proposals_once', ['origin', 'alert_id', 'to_node'])
      .execute()
    await sql`create index alert_proposals_list on alert_proposals (direction, status, created_at desc, id desc)`.execute(
      db,
    )
    await db.schema.alterTable('alerts').addColumn('language_override', 'jsonb').execute()
    await sql`create index alert_proposals_audience on alert_proposals using gin (audience)`.execute(db)
  },
}
