import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

export const m0004_tasks: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('tasks')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('assignee_org_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('assignee_user_id', 'uuid', (c) => c.references('users.id'))
      .addColumn('due_at', 'timestamptz')
      .addColumn('state', 'text', (c) =>
        c.notNull().check(sql`state in ('open', 'in-progress', 'done', 'cancelled')`),
      )
      .addColumn('priority', 'text', (c) =>
        c.notNull().check(sql`priority in ('low', 'normal', 'high', 'urgent')`),
      )
      .addColumn('from_log_entry', 'uuid', (c) => c.references('log_entries.id'))
      .addColumn('created_by', 'uuid', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('tasks_case').on('tasks').columns(['case_id', 'state']).execute()
    await db.schema.createIndex('tasks_due').on('tasks').columns(['state', 'due_at']).execute()

    await db.schema
      .createTable('decisions')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('rationale', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
      .addColumn('from_log_entry', 'uuid', (c) => c.references('log_entries.id'))
      .addColumn('recorded_by', 'uuid', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('decisions_case').on('decisions').columns(['case_id', 'decided_at']).execute()
  },
}
