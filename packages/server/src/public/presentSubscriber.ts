import type { Static } from 'typebox'
import type { SubscriberBody } from '@liaison/wire'
import type { subscriberHoldings } from '../store/citizens/subscriberRows.ts'

type Holdings = NonNullable<Awaited<ReturnType<typeof subscriberHoldings>>>

/** Everything held about a subscriber, as its export shows it. */
export function presentSubscriber(h: Holdings): Static<typeof SubscriberBody> {
  const s = h.subscriber
  return {
    id: s.id,
    languages: s.languages,
    wantsTest: s.wants_test,
    wantsExercise: s.wants_exercise,
    origin: s.origin,
    consentBasis: s.consent_basis,
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
    addresses: h.addresses.map((a) => ({
      id: a.id,
      kind: a.kind,
      address: a.address,
      confirmed: a.confirmed_at !== null,
      confirmedAt: a.confirmed_at?.toISOString() ?? null,
      createdAt: a.created_at.toISOString(),
    })),
    places: h.places.map((p) => ({ label: p.label, lon: p.lon, lat: p.lat, areaCode: p.area_code })),
    deliveries: h.deliveries.map((d) => ({
      id: d.id,
      addressId: d.address_id,
      kind: d.kind,
      purpose: d.purpose,
      language: d.language,
      state: d.state,
      sentAt: d.sent_at.toISOString(),
      updatedAt: d.updated_at.toISOString(),
    })),
  }
}
