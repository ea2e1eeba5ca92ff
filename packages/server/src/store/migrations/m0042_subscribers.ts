import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Citizens who registered for public warnings (issue 11, decision 040), kept apart from events
 * and the audit chain, which name a subscriber by its pseudonymous id only: the subscriber
 * (its languages, its options, a hashed management token), its addresses (each unconfirmed until
 * the code sent through its own channel is entered; the code hashed, its attempts counted), its
 * places (up to five), and the rows of what was sent to it, which erasure detaches (the foreign
 * keys set null) so that counts stay while nothing points to a person.
 */
export const m0042_subscribers: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('subscribers')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('languages', 'jsonb', (c) => c.notNull())
      .addColumn('wants_test', 'boolean', (c) => c.notNull())
      .addColumn('wants_exercise', 'boolean', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('registered', 'imported')`))
      .addColumn('consent_basis', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('subscriber_addresses')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('subscriber_id', 'uuid', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('sms', 'email', 'push')`))
      // E.164, a lower-cased e-mail address, or a push endpoint
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('push_keys', 'jsonb')
      .addColumn('confirmed_at', 'timestamptz')
      .addColumn('code_hash', 'text')
      .addColumn('code_expires_at', 'timestamptz')
      .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('codes_sent', 'integer', (c) => c.notNull().defaultTo(0))
      // in clear: every message must carry its link, and it can only remove this one address
      .addColumn('unsubscribe_token', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('subscriber_addresses_kind_address', ['kind', 'address'])
      .execute()
    await db.schema
      .createIndex('subscriber_addresses_subscriber')
      .on('subscriber_addresses')
      .column('subscriber_id')
      .execute()
    await db.schema
      .createTable('subscriber_places')
      .addColumn('subscriber_id', 'uuid', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull().check(sql`position between 0 and 4`))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('lon', 'float8', (c) => c.notNull().check(sql`lon between -180 and 180`))
      .addColumn('lat', 'float8', (c) => c.notNull().check(sql`lat between -90 and 90`))
      .addColumn('area_code', 'text')
      .addPrimaryKeyConstraint('subscriber_places_pk', ['subscriber_id', 'position'])
      .execute()
    await db.schema
      .createTable('subscriber_deliveries')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      // set null by erasure: the row stays, counted, and names no one
      .addColumn('subscriber_id', 'uuid', (c) => c.references('subscribers.id').onDelete('set null'))
      .addColumn('address_id', 'uuid', (c) => c.references('subscriber_addresses.id').onDelete('set null'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('sms', 'email', 'push')`))
      .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('confirmation', 'welcome')`))
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) =>
        c.notNull().check(sql`state in ('submitted', 'delivered', 'failed', 'expired', 'gone')`),
      )
      .addColumn('reason', 'text')
      .addColumn('network_ref', 'text')
      .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('subscriber_deliveries_subscriber')
      .on('subscriber_deliveries')
      .column('subscriber_id')
      .execute()
    await db.schema
      .createIndex('subscriber_deliveries_address')
      .on('subscriber_deliveries')
      .column('address_id')
      .execute()
  },
}
