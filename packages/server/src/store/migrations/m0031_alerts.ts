import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Public warnings (issue 10, decision 029): `alerts`, one row per alert with the CAP message as
 * JSON and where it is in its life, and `alert_versions`, every saved version (the current one
 * too), so that an approver sees what changed in what is to be approved.
 */
export const m0031_alerts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('alerts')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('state', 'text', (c) =>
        c
          .notNull()
          .check(
            sql`state in ('draft', 'returned', 'submitted', 'approved', 'issued', 'updated', 'cancelled', 'expired')`,
          ),
      )
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('Actual', 'Exercise', 'System', 'Test', 'Draft')`),
      )
      .addColumn('msg_type', 'text', (c) =>
        c.notNull().check(sql`msg_type in ('Alert', 'Update', 'Cancel', 'Ack', 'Error')`),
      )
      .addColumn('identifier', 'text', (c) => c.notNull().unique())
      .addColumn('cap', 'jsonb', (c) => c.notNull())
      .addColumn('channels', 'jsonb', (c) => c.notNull())
      .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('editor_ids', 'jsonb', (c) => c.notNull())
      .addColumn('exception', 'text', (c) => c.check(sql`exception in ('template', 'cancel', 'narrowing')`))
      .addColumn('submitted_by', 'uuid')
      .addColumn('submitted_at', 'timestamptz')
      .addColumn('submitted_version', 'integer')
      .addColumn('approved_by', 'uuid')
      .addColumn('approved_at', 'timestamptz')
      .addColumn('issued_alone', 'text', (c) =>
        c.check(sql`issued_alone in ('template', 'cancel', 'narrowing')`),
      )
      .addColumn('issue_at', 'timestamptz')
      .addColumn('issued_at', 'timestamptz')
      .addColumn('issued_xml', 'text')
      .addColumn('returned_reason', 'text')
      .addColumn('replaces_id', 'uuid', (c) => c.references('alerts.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      // the database keeps four eyes too: an alert approved by its author was issued alone, under a named exception
      .addCheckConstraint(
        'alerts_four_eyes',
        sql`approved_by is null or approved_by <> author_id or issued_alone is not null`,
      )
      .execute()
    await db.schema
      .createIndex('alerts_org_created')
      .on('alerts')
      .columns(['org_id', 'created_at', 'id'])
      .execute()
    await db.schema.createIndex('alerts_due').on('alerts').columns(['state', 'issue_at']).execute()
    await db.schema
      .createTable('alert_versions')
      .addColumn('alert_id', 'uuid', (c) => c.notNull().references('alerts.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('cap', 'jsonb', (c) => c.notNull())
      .addColumn('channels', 'jsonb', (c) => c.notNull())
      .addColumn('saved_at', 'timestamptz', (c) => c.notNull())
      .addColumn('saved_by', 'uuid', (c) => c.notNull())
      .addPrimaryKeyConstraint('alert_versions_pk', ['alert_id', 'version'])
      .execute()
  },
}
