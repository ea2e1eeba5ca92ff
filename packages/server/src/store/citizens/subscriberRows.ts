import type { Kysely, Selectable } from 'kysely'
import { sql } from 'kysely'
import type {
  Database,
  SubscriberAddressesTable,
  SubscriberDeliveriesTable,
  SubscriberPlacesTable,
  SubscribersTable,
} from '../schema.ts'

export type SubscriberRow = Selectable<SubscribersTable>
export type SubscriberAddressRow = Selectable<SubscriberAddressesTable>
export type SubscriberPlaceRow = Selectable<SubscriberPlacesTable>
export type SubscriberDeliveryRow = Selectable<SubscriberDeliveriesTable>

export interface NewSubscriberRow {
  readonly id: string
  readonly tokenHash: string
  readonly languages: readonly string[]
  readonly wantsTest: boolean
  readonly wantsExercise: boolean
  readonly origin: 'registered' | 'imported'
  readonly consentBasis: string | null
  readonly at: Date
}

export async function insertSubscriber(db: Kysely<Database>, s: NewSubscriberRow): Promise<void> {
  await insertSubscribers(db, [s])
}

/** Rows per multi-row insert: ten values a row at most, well under PostgreSQL's 65,535 parameters. */
const insertChunk = 1_000

/** Many subscribers (an imported list's chunk), a thousand per statement. */
export async function insertSubscribers(
  db: Kysely<Database>,
  rows: readonly NewSubscriberRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += insertChunk) {
    await db
      .insertInto('subscribers')
      .values(
        rows.slice(i, i + insertChunk).map((s) => ({
          id: s.id,
          token_hash: s.tokenHash,
          languages: JSON.stringify(s.languages),
          wants_test: s.wantsTest,
          wants_exercise: s.wantsExercise,
          origin: s.origin,
          consent_basis: s.consentBasis,
          created_at: s.at,
          updated_at: s.at,
        })),
      )
      .execute()
  }
}

export interface NewAddressRow {
  readonly id: string
  readonly subscriberId: string
  readonly kind: 'sms' | 'email' | 'push'
  readonly address: string
  readonly pushKeys: { p256dh: string; auth: string } | null
  /** A push subscription is confirmed by the browser that made it; a phone or e-mail by its code. */
  readonly confirmedAt: Date | null
  readonly unsubscribeToken: string
  readonly at: Date
  /** A code given at once (an import's welcome): its hash and expiry, counted as one code sent. */
  readonly code?: { readonly hash: string; readonly expiresAt: Date } | undefined
}

export async function insertAddress(db: Kysely<Database>, a: NewAddressRow): Promise<void> {
  await insertAddresses(db, [a])
}

/** Many addresses, a thousand per statement. */
export async function insertAddresses(db: Kysely<Database>, rows: readonly NewAddressRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += insertChunk) {
    await db
      .insertInto('subscriber_addresses')
      .values(
        rows.slice(i, i + insertChunk).map((a) => ({
          id: a.id,
          subscriber_id: a.subscriberId,
          kind: a.kind,
          address: a.address,
          push_keys: a.pushKeys === null ? null : JSON.stringify(a.pushKeys),
          confirmed_at: a.confirmedAt,
          unsubscribe_token: a.unsubscribeToken,
          created_at: a.at,
          code_hash: a.code?.hash ?? null,
          code_expires_at: a.code?.expiresAt ?? null,
          codes_sent: a.code ? 1 : 0,
        })),
      )
      .execute()
  }
}

/** Which of these addresses (kind and address) are already registered, by anyone. */
export async function registeredAddresses(
  db: Kysely<Database>,
  addresses: readonly { kind: 'sms' | 'email' | 'push'; address: string }[],
): Promise<{ kind: string; address: string }[]> {
  if (addresses.length === 0) return []
  return db
    .selectFrom('subscriber_addresses')
    .select(['kind', 'address'])
    .where((eb) =>
      eb.or(addresses.map((a) => eb.and([eb('kind', '=', a.kind), eb('address', '=', a.address)]))),
    )
    .execute()
}

export interface PlaceRow {
  readonly label: string
  readonly lon: number
  readonly lat: number
  readonly areaCode: string | null
}

/** Replaces a subscriber's places with these, in order (at most five). */
/** The places of new subscribers (no earlier ones to replace), a thousand per statement. */
export async function insertPlaces(
  db: Kysely<Database>,
  rows: readonly { readonly subscriberId: string; readonly places: readonly PlaceRow[] }[],
): Promise<void> {
  const all = rows.flatMap((r) =>
    r.places.map((p, position) => ({
      subscriber_id: r.subscriberId,
      position,
      label: p.label,
      lon: p.lon,
      lat: p.lat,
      area_code: p.areaCode,
    })),
  )
  for (let i = 0; i < all.length; i += insertChunk)
    await db
      .insertInto('subscriber_places')
      .values(all.slice(i, i + insertChunk))
      .execute()
}

export async function replacePlaces(
  db: Kysely<Database>,
  subscriberId: string,
  places: readonly PlaceRow[],
): Promise<void> {
  await db.deleteFrom('subscriber_places').where('subscriber_id', '=', subscriberId).execute()
  if (places.length === 0) return
  await db
    .insertInto('subscriber_places')
    .values(
      places.map((p, position) => ({
        subscriber_id: subscriberId,
        position,
        label: p.label,
        lon: p.lon,
        lat: p.lat,
        area_code: p.areaCode,
      })),
    )
    .execute()
}

export async function subscriberByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<SubscriberRow | undefined> {
  return db.selectFrom('subscribers').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
}

export async function updateSubscriberOptions(
  db: Kysely<Database>,
  id: string,
  change: { languages?: readonly string[]; wantsTest?: boolean; wantsExercise?: boolean },
  at: Date,
): Promise<void> {
  await db
    .updateTable('subscribers')
    .set({
      updated_at: at,
      ...(change.languages ? { languages: JSON.stringify(change.languages) } : {}),
      ...(change.wantsTest !== undefined ? { wants_test: change.wantsTest } : {}),
      ...(change.wantsExercise !== undefined ? { wants_exercise: change.wantsExercise } : {}),
    })
    .where('id', '=', id)
    .execute()
}

/** Everything held about a subscriber, for its export (at most five places, a handful of addresses). */
export async function subscriberHoldings(
  db: Kysely<Database>,
  id: string,
): Promise<{
  subscriber: SubscriberRow
  addresses: SubscriberAddressRow[]
  places: SubscriberPlaceRow[]
  deliveries: SubscriberDeliveryRow[]
} | null> {
  const subscriber = await db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst()
  if (!subscriber) return null
  const addresses = await db
    .selectFrom('subscriber_addresses')
    .selectAll()
    .where('subscriber_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const places = await db
    .selectFrom('subscriber_places')
    .selectAll()
    .where('subscriber_id', '=', id)
    .orderBy('position')
    .execute()
  // what was sent to a person is a few messages a year; the export is capped all the same
  const deliveries = await db
    .selectFrom('subscriber_deliveries')
    .selectAll()
    .where('subscriber_id', '=', id)
    .orderBy('sent_at', 'desc')
    .orderBy('id')
    .limit(1_000)
    .execute()
  return { subscriber, addresses, places, deliveries }
}

export async function addressOf(
  db: Kysely<Database>,
  subscriberId: string,
  addressId: string,
): Promise<SubscriberAddressRow | undefined> {
  return db
    .selectFrom('subscriber_addresses')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .where('id', '=', addressId)
    .executeTakeFirst()
}

/** A new code for an address (its hash and expiry), its wrong attempts reset, its sends counted. */
export async function setCode(
  db: Kysely<Database>,
  addressId: string,
  codeHash: string,
  expiresAt: Date,
): Promise<void> {
  await db
    .updateTable('subscriber_addresses')
    .set((eb) => ({
      code_hash: codeHash,
      code_expires_at: expiresAt,
      code_attempts: 0,
      codes_sent: eb('codes_sent', '+', 1),
    }))
    .where('id', '=', addressId)
    .execute()
}

export async function countWrongCode(db: Kysely<Database>, addressId: string): Promise<void> {
  await db
    .updateTable('subscriber_addresses')
    .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1) }))
    .where('id', '=', addressId)
    .execute()
}

export async function confirmAddress(db: Kysely<Database>, addressId: string, at: Date): Promise<void> {
  await db
    .updateTable('subscriber_addresses')
    .set({ confirmed_at: at, code_hash: null, code_expires_at: null })
    .where('id', '=', addressId)
    .execute()
}

/**
 * Erasure: the subscriber, its addresses and places go (cascade); its delivery rows stay,
 * counted, their subscriber and address set null by the foreign keys (m0042).
 */
export async function deleteSubscriber(db: Kysely<Database>, id: string): Promise<boolean> {
  const { numDeletedRows } = await db.deleteFrom('subscribers').where('id', '=', id).executeTakeFirst()
  return numDeletedRows > 0n
}

/** The address an unsubscribe link names, removed; the subscriber too when it was its last. */
export async function removeAddressByUnsubscribeToken(
  db: Kysely<Database>,
  hash: string,
): Promise<{ subscriberId: string; erased: boolean } | null> {
  const removed = await db
    .deleteFrom('subscriber_addresses')
    .where('unsubscribe_token', '=', hash)
    .returning(['subscriber_id'])
    .executeTakeFirst()
  if (!removed) return null
  return eraseWithoutAddresses(db, removed.subscriber_id)
}

/** One address of a subscriber, removed by its owner; the subscriber too when it was its last. */
export async function removeAddressOfSubscriber(
  db: Kysely<Database>,
  subscriberId: string,
  addressId: string,
): Promise<{ subscriberId: string; erased: boolean } | null> {
  const removed = await db
    .deleteFrom('subscriber_addresses')
    .where('subscriber_id', '=', subscriberId)
    .where('id', '=', addressId)
    .returning(['subscriber_id'])
    .executeTakeFirst()
  if (!removed) return null
  return eraseWithoutAddresses(db, removed.subscriber_id)
}

/** A subscriber left with no address is erased: nothing could reach it any more. */
async function eraseWithoutAddresses(
  db: Kysely<Database>,
  subscriberId: string,
): Promise<{ subscriberId: string; erased: boolean }> {
  const left = await db
    .selectFrom('subscriber_addresses')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('subscriber_id', '=', subscriberId)
    .executeTakeFirstOrThrow()
  if (left.n > 0) return { subscriberId, erased: false }
  await deleteSubscriber(db, subscriberId)
  return { subscriberId, erased: true }
}

export interface NewDeliveryRow {
  readonly id: string
  readonly subscriberId: string
  readonly addressId: string
  readonly kind: 'sms' | 'email' | 'push'
  readonly purpose: 'confirmation' | 'welcome'
  readonly language: string
  readonly at: Date
}

/** Writes the deliveries of a send (an import's welcome codes may be tens of thousands), a chunk per statement. */
export async function insertDeliveries(db: Kysely<Database>, rows: readonly NewDeliveryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += insertChunk) {
    await db
      .insertInto('subscriber_deliveries')
      .values(
        rows.slice(i, i + insertChunk).map((r) => ({
          id: r.id,
          subscriber_id: r.subscriberId,
          address_id: r.addressId,
          kind: r.kind,
          purpose: r.purpose,
          language: r.language,
          state: 'submitted' as const,
          sent_at: r.at,
          updated_at: r.at,
        })),
      )
      .execute()
  }
}

export interface DeliveryOutcomeRow {
  readonly id: string
  readonly state: SubscriberDeliveryRow['state']
  readonly at: Date
  readonly networkRef?: string | undefined
  readonly reason?: string | undefined
}

/** Records one outcome (a receipt that arrives later). */
export async function recordDeliveryOutcome(
  db: Kysely<Database>,
  outcome: DeliveryOutcomeRow,
): Promise<void> {
  await recordDeliveryOutcomes(db, [outcome])
}

/**
 * Records the outcomes of a send in one statement: the rows travel as one JSON parameter
 * (`jsonb_to_recordset`), so a batch of any size is one round trip.
 */
export async function recordDeliveryOutcomes(
  db: Kysely<Database>,
  outcomes: readonly DeliveryOutcomeRow[],
): Promise<void> {
  if (outcomes.length === 0) return
  const rows = outcomes.map((o) => ({
    id: o.id,
    state: o.state,
    at: o.at.toISOString(),
    reason: o.reason?.slice(0, 500) ?? null,
    network_ref: o.networkRef?.slice(0, 200) ?? null,
  }))
  await sql`update subscriber_deliveries as d
    set state = v.state, updated_at = v.at, reason = v.reason,
      network_ref = coalesce(v.network_ref, d.network_ref)
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v(id uuid, state text, at timestamptz, reason text, network_ref text)
    where d.id = v.id`.execute(db)
}

export async function addressByValue(
  db: Kysely<Database>,
  kind: 'sms' | 'email' | 'push',
  address: string,
): Promise<SubscriberAddressRow | undefined> {
  return db
    .selectFrom('subscriber_addresses')
    .selectAll()
    .where('kind', '=', kind)
    .where('address', '=', address)
    .executeTakeFirst()
}

export async function setTokenHash(
  db: Kysely<Database>,
  id: string,
  tokenHash: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('subscribers')
    .set({ token_hash: tokenHash, updated_at: at })
    .where('id', '=', id)
    .execute()
}

export async function subscriberById(db: Kysely<Database>, id: string): Promise<SubscriberRow | undefined> {
  return db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst()
}
