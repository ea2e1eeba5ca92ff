import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  insertDeliveries,
  recordDeliveryOutcomes,
} from '../../packages/server/src/store/citizens/subscriberRows.ts'
import type { Store } from '@liaison/server'
import { migrate, openStore } from '@liaison/server'
import { testEngines } from '../support/engines.ts'

/**
 * The delivery rows of a large send (an import's welcome codes): written a chunk per statement
 * past PostgreSQL's 65,535 parameters, and their outcomes recorded in one statement.
 */
const engines = await testEngines()

describe.each(engines.map((e) => [e.name, e] as const))('subscriber deliveries on %s', (_name, engine) => {
  let db: Awaited<ReturnType<typeof engine.fresh>>
  let opened: Store
  beforeAll(async () => {
    db = await engine.fresh()
    opened = await openStore(db.options)
    await migrate(opened.db)
  })
  afterAll(async () => {
    await opened.close()
    await db.dispose()
  })

  it('writes 8,000 deliveries and records their outcomes, each as given', async () => {
    const store = opened.db
    const at = new Date('2026-12-04T02:00:00Z')
    const subscriber = '01938a00-0000-7000-8000-0000000000aa'
    const address = '01938a00-0000-7000-8000-0000000000ab'
    await sql`insert into subscribers (id, token_hash, languages, wants_test, wants_exercise, origin, created_at, updated_at)
      values (${subscriber}, 'hash', '["fr"]'::jsonb, false, false, 'imported', ${at}, ${at})`.execute(store)
    await sql`insert into subscriber_addresses (id, subscriber_id, kind, address, unsubscribe_token, created_at)
      values (${address}, ${subscriber}, 'sms', '+32470000001', 'token', ${at})`.execute(store)
    const ids = Array.from(
      { length: 8_000 },
      (_, i) => `01938a00-0000-7000-8000-${(i + 1).toString(16).padStart(12, '0')}`,
    )
    await insertDeliveries(
      store,
      ids.map((id) => ({
        id,
        subscriberId: subscriber,
        addressId: address,
        kind: 'sms' as const,
        purpose: 'welcome' as const,
        language: 'fr',
        at,
      })),
    )
    const later = new Date(at.getTime() + 60_000)
    await recordDeliveryOutcomes(
      store,
      ids.map((id, i) =>
        i % 2 === 0
          ? { id, state: 'delivered' as const, at: later, networkRef: `ref-${i}` }
          : { id, state: 'failed' as const, at: later, reason: 'ESME_RINVDSTADR' },
      ),
    )
    const counts = await sql<{ state: string; n: string; refs: string; reasons: string }>`
      select state, count(*)::text as n, count(network_ref)::text as refs, count(reason)::text as reasons
      from subscriber_deliveries where updated_at = ${later} group by state order by state`.execute(store)
    expect(counts.rows).toEqual([
      { state: 'delivered', n: '4000', refs: '4000', reasons: '0' },
      { state: 'failed', n: '4000', refs: '0', reasons: '4000' },
    ])
    // a later outcome without a network reference keeps the one recorded
    await recordDeliveryOutcomes(store, [{ id: ids[0]!, state: 'expired', at: later }])
    const first = await sql<{ state: string; network_ref: string | null }>`
      select state, network_ref from subscriber_deliveries where id = ${ids[0]!}`.execute(store)
    expect(first.rows[0]).toEqual({ state: 'expired', network_ref: 'ref-0' })
  })
})
