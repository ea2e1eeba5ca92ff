import { LiaisonError } from '@liaison/core'
import {
  AddressRemovedAnswer,
  ConfirmationCodeBody,
  errorResponses,
  NewSubscriberAnswer,
  NewSubscriberBody,
  NoContent,
  HtmlPage,
  SubscriberAddressParams,
  SubscriberBody,
  SubscriberChangeBody,
  SubscriberClaimBody,
  SubscriberCodeRequestBody,
  UnsubscribeParams,
} from '@liaison/wire'
import { changeSubscriber } from '../actions/changeSubscriber.ts'
import { claimSubscriber } from '../actions/claimSubscriber.ts'
import { confirmSubscriberAddress } from '../actions/confirmSubscriberAddress.ts'
import { eraseSubscriber } from '../actions/eraseSubscriber.ts'
import { unsubscribeAddress } from '../actions/unsubscribeAddress.ts'
import { registerSubscriber } from '../actions/registerSubscriber.ts'
import { removeSubscriberAddress } from '../actions/removeSubscriberAddress.ts'
import { resendConfirmationCode } from '../actions/resendConfirmationCode.ts'
import { sendClaimCode } from '../actions/sendClaimCode.ts'
import { hashSecret } from '../auth/secrets.ts'
import { authenticateSubscriber } from '../citizens/authenticateSubscriber.ts'
import type { CitizenDeps } from '../citizens/CitizenDeps.ts'
import type { App } from '../http/AppDeps.ts'
import type { PlaceRow } from '../store/citizens/subscriberRows.ts'
import { subscriberHoldings } from '../store/citizens/subscriberRows.ts'
import { citizenLimits, withinCitizenLimit } from './citizenLimits.ts'
import { presentSubscriber } from './presentSubscriber.ts'
import { unsubscribePage } from './unsubscribePage.ts'

const tags = ['citizens']
/** The audit's source for what citizens do: the listener, never their IP address (personal data, decision 040). */
const publicSource = 'public'
const placesOf = (
  places: readonly { label: string; lon: number; lat: number; areaCode?: string }[],
): PlaceRow[] => places.map((p) => ({ label: p.label, lon: p.lon, lat: p.lat, areaCode: p.areaCode ?? null }))

/**
 * Citizen registration on the public listener (issue 11, decision 040), under `/public/v1/`:
 * register (the management token answered once), confirm an address with its code, ask for a
 * new code, read everything held (the JSON export), change places, languages and options, erase,
 * and unsubscribe one address by its link (a page on GET, one click on POST, RFC 8058).
 * Everything but registration and unsubscribing needs `Authorization: Bearer lsub_…`.
 */
export function citizenRoutes(app: App, deps: CitizenDeps): void {
  const db = deps.store.db
  const perIp = (ip: string) => withinCitizenLimit(db, `ip:${ip}`, citizenLimits.requestsPerIp)

  // RFC 8058: a one-click unsubscribe is a form POST (`List-Unsubscribe=One-Click`); its body is not read
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_req, _body, done) => done(null, {}),
  )

  app.post(
    '/public/v1/subscribers',
    {
      schema: {
        tags,
        summary: 'register for public warnings (the management token is answered this once)',
        body: NewSubscriberBody,
        response: { 201: NewSubscriberAnswer, ...errorResponses(400, 409, 413, 415, 429) },
      },
    },
    async (req, reply) => {
      await withinCitizenLimit(db, `register:${req.ip}`, citizenLimits.registerPerIp)
      const body = req.body
      const registered = await registerSubscriber(deps, {
        addresses: body.addresses,
        places: placesOf(body.places),
        languages: body.languages,
        wantsTest: body.wantsTest ?? false,
        wantsExercise: body.wantsExercise ?? false,
        source: publicSource,
      })
      // the codes go out while the person reads the answer; each outcome is recorded
      void registered.sent
      const held = await subscriberHoldings(db, registered.subscriberId)
      if (!held) throw new LiaisonError('not_found', 'the registration was erased meanwhile')
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ token: registered.token, subscriber: presentSubscriber(held) })
    },
  )

  app.post(
    '/public/v1/subscribers/claim',
    {
      schema: {
        tags,
        summary:
          'prove control of an address with its code: a new management token (after an import, or a lost one)',
        body: SubscriberClaimBody,
        response: { 201: NewSubscriberAnswer, ...errorResponses(400, 401, 409, 413, 415, 429) },
      },
    },
    async (req, reply) => {
      await perIp(req.ip)
      const { kind, address, code } = req.body
      const claimed = await claimSubscriber(deps, { address: { kind, address }, code, source: publicSource })
      const held = await subscriberHoldings(db, claimed.subscriberId)
      if (!held) throw new LiaisonError('not_found', 'the registration was erased meanwhile')
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ token: claimed.token, subscriber: presentSubscriber(held) })
    },
  )

  app.post(
    '/public/v1/subscribers/code',
    {
      schema: {
        tags,
        summary:
          'send a code to a registered phone or e-mail address, to claim it (answers the same for any address)',
        body: SubscriberCodeRequestBody,
        response: { 202: NoContent, ...errorResponses(400, 413, 415, 429) },
      },
    },
    async (req, reply) => {
      await perIp(req.ip)
      const { kind, address } = req.body
      // counted per address given (hashed: the limits table holds no address), registered or not
      await withinCitizenLimit(
        db,
        `claim:${hashSecret(`${kind}:${address.trim().toLowerCase()}`)}`,
        citizenLimits.codesPerAddress,
      )
      const { sent } = await sendClaimCode(deps, { address: { kind, address }, source: publicSource })
      void sent
      return reply.status(202).send(null)
    },
  )

  app.get(
    '/public/v1/subscriber',
    {
      schema: {
        tags,
        summary: 'everything held about the subscriber (the JSON export)',
        response: { 200: SubscriberBody, ...errorResponses(401, 429) },
      },
    },
    async (req, reply) => {
      await perIp(req.ip)
      const subscriber = await authenticateSubscriber(db, req.headers.authorization)
      const held = await subscriberHoldings(db, subscriber.id)
      if (!held) throw new LiaisonError('session_invalid', 'the registration was erased')
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'inline; filename="registration.json"')
        .send(presentSubscriber(held))
    },
  )

  app.patch(
    '/public/v1/subscriber',
    {
      schema: {
        tags,
        summary: 'change places (all replaced), languages or options',
        body: SubscriberChangeBody,
        response: { 200: SubscriberBody, ...errorResponses(400, 401, 413, 415, 429) },
      },
    },
    async (req, reply) => {
      await perIp(req.ip)
      const subscriber = await authenticateSubscriber(db, req.headers.authorization)
      const { places, ...options } = req.body
      await changeSubscriber(deps, {
        subscriberId: subscriber.id,
        change: { ...options, ...(places ? { places: placesOf(places) } : {}) },
        source: publicSource,
      })
      const held = await subscriberHoldings(db, subscriber.id)
      if (!held) throw new LiaisonError('session_invalid', 'the registration was erased')
      return reply.header('cache-control', 'no-store').send(presentSubscriber(held))
    },
  )

  app.delete(
    '/public/v1/subscriber',
    {
      schema: {
        tags,
        summary: 'erase the registration and everything held about it',
        response: { 204: NoContent, ...errorResponses(401, 429) },
      },
    },
    async (req, reply) => {
      await perIp(req.ip)
      const subscriber = await authenticateSubscriber(db, req.headers.authorization)
      await eraseSubscriber(deps, { subscriberId: subscriber.id, source: publicSource })
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/public/v1/subscriber/addresses/:id/confirm',
    {
      schema: {
        tags,
        summary: 'confirm an address with the code sent to it',
        params: SubscriberAddressParams,
        body: ConfirmationCodeBody,
        response: { 204: NoContent, ...errorResponses(400, 401, 404, 409, 413, 415, 429) },
      },
    },
    async (req, reply) => {
      await perIp(req.ip)
      const subscriber = await authenticateSubscriber(db, req.headers.authorization)
      await confirmSubscriberAddress(deps, {
        subscriberId: subscriber.id,
        addressId: req.params.id,
        code: req.body.code,
        source: publicSource,
      })
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/public/v1/subscriber/addresses/:id/code',
    {
      schema: {
        tags,
        summary: 'send a new code to an unconfirmed address',
        params: SubscriberAddressParams,
        response: { 202: NoContent, ...errorResponses(400, 401, 404, 409, 429) },
      },
    },
    async (req, reply) => {
      await perIp(req.ip)
      const subscriber = await authenticateSubscriber(db, req.headers.authorization)
      await withinCitizenLimit(db, `code:${req.params.id}`, citizenLimits.codesPerAddress - 1)
      const { sent } = await resendConfirmationCode(deps, {
        subscriber,
        addressId: req.params.id,
        source: publicSource,
      })
      void sent
      return reply.status(202).send(null)
    },
  )

  app.delete(
    '/public/v1/subscriber/addresses/:id',
    {
      schema: {
        tags,
        summary: 'stop one address (as its unsubscribe link does); with the last, the registration is erased',
        params: SubscriberAddressParams,
        response: { 200: AddressRemovedAnswer, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (req, reply) => {
      await perIp(req.ip)
      const subscriber = await authenticateSubscriber(db, req.headers.authorization)
      const removed = await removeSubscriberAddress(deps, {
        subscriberId: subscriber.id,
        addressId: req.params.id,
        source: publicSource,
      })
      return reply.header('cache-control', 'no-store').send(removed)
    },
  )

  app.get(
    '/public/v1/unsubscribe/:token',
    { schema: { tags, summary: 'the page of an unsubscribe link', params: UnsubscribeParams } },
    async (req, reply) => {
      await perIp(req.ip)
      return (
        reply
          .header('cache-control', 'no-store')
          // the page's one form posts back here
          .header(
            'content-security-policy',
            "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
          )
          .type('text/html; charset=utf-8')
          .send(unsubscribePage(deps.centre))
      )
    },
  )

  app.post(
    '/public/v1/unsubscribe/:token',
    {
      schema: {
        tags,
        summary: 'unsubscribe the address the link names (one click, RFC 8058)',
        params: UnsubscribeParams,
        response: { 200: HtmlPage, 204: NoContent, ...errorResponses(404, 413, 415, 429) },
      },
    },
    async (req, reply) => {
      await perIp(req.ip)
      const done = await unsubscribeAddress(deps, { token: req.params.token, source: publicSource })
      if (!done.removed)
        throw new LiaisonError('not_found', 'this link names no address (it may be gone already)')
      const html = (req.headers.accept ?? '').includes('text/html')
      if (html) return reply.type('text/html; charset=utf-8').send(unsubscribePage(deps.centre, true))
      return reply.status(204).send(null)
    },
  )
}
