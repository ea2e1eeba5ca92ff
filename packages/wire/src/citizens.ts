import { Type } from 'typebox'
import { Timestamp, Uuid } from './common.ts'
import { pageBody, pageQuery } from './paging.ts'

/** Citizen registration on the public listener (issue 11, decision 040). */

const Language = Type.String({
  pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$',
  maxLength: 12,
  description: 'a BCP 47 tag: fr, nl-BE',
})
const Languages = Type.Array(Language, {
  minItems: 1,
  maxItems: 5,
  uniqueItems: true,
  description: 'the languages the person reads, in order of preference',
})

export const SubscriberPlace = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 60, description: 'home, school…' }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    areaCode: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        pattern: '^[A-Za-z0-9._-]+$',
        description: 'an imported area',
      }),
    ),
  },
  { additionalProperties: false },
)
const Places = Type.Array(SubscriberPlace, { maxItems: 5, description: 'up to five places' })

const PushSubscription = Type.Object(
  {
    endpoint: Type.String({ minLength: 10, maxLength: 1000, pattern: '^https://' }),
    keys: Type.Object(
      {
        p256dh: Type.String({ minLength: 80, maxLength: 100, pattern: '^[A-Za-z0-9_-]+=*$' }),
        auth: Type.String({ minLength: 16, maxLength: 32, pattern: '^[A-Za-z0-9_-]+=*$' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)

export const NewSubscriberAddress = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('sms'),
      address: Type.String({ minLength: 3, maxLength: 20, description: 'E.164: +32470123456' }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('email'), address: Type.String({ minLength: 3, maxLength: 254 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('push'), subscription: PushSubscription },
    { additionalProperties: false },
  ),
])

export const NewSubscriberBody = Type.Object(
  {
    addresses: Type.Array(NewSubscriberAddress, { minItems: 1, maxItems: 6 }),
    places: Places,
    languages: Languages,
    wantsTest: Type.Optional(Type.Boolean({ description: 'test messages too (default no)' })),
    wantsExercise: Type.Optional(Type.Boolean({ description: 'exercise messages too (default no)' })),
  },
  { additionalProperties: false },
)

export const SubscriberChangeBody = Type.Object(
  {
    places: Type.Optional(Places),
    languages: Type.Optional(Languages),
    wantsTest: Type.Optional(Type.Boolean()),
    wantsExercise: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const SubscriberAddressParams = Type.Object({ id: Uuid }, { additionalProperties: false })

export const ConfirmationCodeBody = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$', description: 'the six digits that were sent' }) },
  { additionalProperties: false },
)

export const UnsubscribeParams = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
)

export const SubscriberAddressBody = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('sms'), Type.Literal('email'), Type.Literal('push')]),
  address: Type.String({ description: 'the number, the e-mail address or the push endpoint' }),
  confirmed: Type.Boolean(),
  confirmedAt: Type.Union([Type.Null(), Timestamp]),
  createdAt: Timestamp,
})

export const SubscriberDeliveryBody = Type.Object({
  id: Uuid,
  addressId: Type.Union([Type.Null(), Uuid]),
  kind: Type.String(),
  purpose: Type.String(),
  language: Type.String(),
  state: Type.String(),
  sentAt: Timestamp,
  updatedAt: Timestamp,
})

/** Everything held about a subscriber (the JSON export). */
export const SubscriberBody = Type.Object({
  id: Uuid,
  languages: Type.Array(Type.String()),
  wantsTest: Type.Boolean(),
  wantsExercise: Type.Boolean(),
  origin: Type.Union([Type.Literal('registered'), Type.Literal('imported')]),
  consentBasis: Type.Union([Type.Null(), Type.String()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  addresses: Type.Array(SubscriberAddressBody),
  places: Type.Array(
    Type.Object({
      label: Type.String(),
      lon: Type.Number(),
      lat: Type.Number(),
      areaCode: Type.Union([Type.Null(), Type.String()]),
    }),
  ),
  deliveries: Type.Array(SubscriberDeliveryBody),
})

/** The answer to a registration: the management token, shown this once. */
export const NewSubscriberAnswer = Type.Object({
  token: Type.String({ description: 'the management token: kept by the person, shown once, sent as Bearer' }),
  subscriber: SubscriberBody,
})

/** A small HTML page (the unsubscribe link's). */
export const HtmlPage = Type.String({ description: 'text/html' })

/** A person proves control of an address with the code sent to it, and gets a new management token. */
export const SubscriberClaimBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('sms'), Type.Literal('email')]),
    address: Type.String({ minLength: 3, maxLength: 254 }),
    code: Type.String({ pattern: '^[0-9]{6}$' }),
  },
  { additionalProperties: false },
)

/** Asks for a code to be sent to a registered phone or e-mail address (to claim it: a lost token). */
export const SubscriberCodeRequestBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('sms'), Type.Literal('email')]),
    address: Type.String({ minLength: 3, maxLength: 254 }),
  },
  { additionalProperties: false },
)

/** What the citizen page needs to know before a person registers (`GET /public/v1/registration`). */
export const CitizenRegistrationInfo = Type.Object({
  centre: Type.String({ description: "the centre's name" }),
  kinds: Type.Array(Type.Union([Type.Literal('sms'), Type.Literal('email'), Type.Literal('push')]), {
    description: 'the kinds of address this node can confirm and reach (a channel is configured)',
  }),
  pushKey: Type.Union([Type.Null(), Type.String()], {
    description: 'the VAPID public key (base64url) a browser subscribes with; null when push is not offered',
  }),
  maxPlaces: Type.Integer(),
  map: Type.Object(
    {
      outline: Type.String({ description: 'the Benelux outline as an SVG path, in pixels of the frame' }),
      width: Type.Integer(),
      height: Type.Integer(),
      west: Type.Number(),
      east: Type.Number(),
      south: Type.Number(),
      north: Type.Number(),
    },
    { description: 'a light map to pick a place on: linear in longitude and latitude over the frame' },
  ),
})

/** The search of imported areas for a place (`GET /public/v1/places?q=`). */
export const PublicPlaceQuery = Type.Object(
  {
    q: Type.String({ minLength: 2, maxLength: 100, description: 'part of a name or a code' }),
    ...pageQuery,
  },
  { additionalProperties: false },
)

/** An imported area found by name, with a point in it the page can take as a place. */
export const PublicPlaceMatch = Type.Object({
  code: Type.String(),
  name: Type.String(),
  names: Type.Record(Type.String(), Type.String()),
  level: Type.String(),
  lon: Type.Number({ description: "the middle of the area's bounding box, WGS 84" }),
  lat: Type.Number(),
})

export const PublicPlacePage = pageBody(PublicPlaceMatch)

/** The answer to removing one address: whether it was the last, so that the registration is erased. */
export const AddressRemovedAnswer = Type.Object({
  erased: Type.Boolean({ description: 'it was the last address: the whole registration is erased' }),
})
