import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Templates for recurring alerts (issue 10, decision 038): `alert_templates`, one row per
 * template with its content (placeholders in its texts), its version and who pre-approved that
 * version; and on `alerts`, the template an alert was made from, at which version and with which
 * values, so that the node can tell whether it is the template left intact.
 */
export const m0040_alert_templates: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('alert_templates')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('content', 'jsonb', (c) => c.notNull())
      .addColumn('placeholders', 'jsonb', (c) => c.notNull())
      .addColumn('pre_approved_by', 'uuid', (c) => c.references('users.id'))
      .addColumn('pre_approved_at', 'timestamptz')
      .addColumn('retired_at', 'timestamptz')
      .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('changed_by', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      // four eyes on the template: its last editor never pre-approved it
      .addCheckConstraint(
        'alert_templates_four_eyes',
        sql`pre_approved_by is null or pre_approved_by <> changed_by`,
      )
      .execute()
    await db.schema
      .createIndex('alert_templates_org_name')
      .on('alert_templates')
      .columns(['org_id', 'name'])
      .unique()
      .where(sql.ref('retired_at'), 'is', null)
      .execute()
    await db.schema
      .createIndex('alert_templates_org_created')
      .on('alert_templates')
      .columns(['org_id', 'created_at', 'id'])
      .execute()
    await db.schema
      .alterTable('alerts')
      .addColumn('template_id', 'uuid', (c) => c.references('alert_templates.id'))
      .execute()
    await db.schema.alterTable('alerts').addColumn('template_version', 'integer').execute()
    await db.schema.alterTable('alerts').addColumn('template_values', 'jsonb').execute()
  },
}
