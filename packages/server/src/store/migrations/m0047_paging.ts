import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Staff paging (issue 11, capability 6; decision 044): each user's paging phone and e-mail
 * address (confirmed with a code sent through the channel, as citizens' are), each
 * organisation's on-call chain and its times, the pages (why, the chain as it was, the step
 * paged last, acknowledged by whom and how) and who each step paged (the hashed token of the
 * link in the message, the number a reply comes from).
 */
export const m0047_paging: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('user_paging_addresses')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('sms', 'email')`))
      // E.164, or a lower-cased e-mail address
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', 'timestamptz')
      .addColumn('code_hash', 'text')
      .addColumn('code_expires_at', 'timestamptz')
      .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('user_paging_addresses_user_kind', ['user_id', 'kind'])
      .execute()
    await db.schema
      .createTable('paging_policies')
      .addColumn('org_id', 'uuid', (c) => c.primaryKey().references('organisations.id').onDelete('cascade'))
      // user ids, in the order they are paged
      .addColumn('chain', 'jsonb', (c) => c.notNull())
      .addColumn('min_severity', 'text')
      .addColumn('step_seconds', 'integer', (c) => c.notNull().check(sql`step_seconds between 1 and 3600`))
      .addColumn('incoming_wait_seconds', 'integer', (c) =>
        c.check(sql`incoming_wait_seconds between 1 and 86400`),
      )
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('pages')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('org_id', 'uuid', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      // null: logged in the daily log (an item of a partner waiting)
      .addColumn('case_id', 'uuid', (c) => c.references('cases.id').onDelete('cascade'))
      .addColumn('reason', 'text', (c) =>
        c.notNull().check(sql`reason in ('case_opened', 'incoming_waiting', 'requested')`),
      )
      // origin/kind/id of the partner's item that waited
      .addColumn('item_key', 'text')
      // what the page is about, as its messages say: the case's (or the item's) title, severity and status
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('severity', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('chain', 'jsonb', (c) => c.notNull())
      .addColumn('step_seconds', 'integer', (c) => c.notNull())
      .addColumn('step', 'integer', (c) => c.notNull().defaultTo(-1))
      .addColumn('state', 'text', (c) =>
        c.notNull().check(sql`state in ('paging', 'acknowledged', 'exhausted')`),
      )
      .addColumn('reply_code', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('acknowledged_at', 'timestamptz')
      .addColumn('acknowledged_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('acknowledged_via', 'text', (c) => c.check(sql`acknowledged_via in ('sms', 'link')`))
      .execute()
    // a case opens once and an item waits once: a start delivered twice starts one page
    await sql`create unique index pages_case_opened on pages (case_id) where reason = 'case_opened'`.execute(
      db,
    )
    await sql`create unique index pages_incoming on pages (org_id, item_key) where reason = 'incoming_waiting'`.execute(
      db,
    )
    await db.schema
      .createIndex('pages_org_created')
      .on('pages')
      .columns(['org_id', 'created_at', 'id'])
      .execute()
    await db.schema
      .createTable('page_recipients')
      .addColumn('page_id', 'uuid', (c) => c.notNull().references('pages.id').onDelete('cascade'))
      .addColumn('step', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      // the SHA-256 of the acknowledgement link's token
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('sms_to', 'text')
      .addColumn('email_to', 'text')
      .addColumn('paged_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('page_recipients_pk', ['page_id', 'step'])
      .execute()
    await db.schema.createIndex('page_recipients_sms').on('page_recipients').column('sms_to').execute()
  },
}
