import type { Actor } from '@liaison/core'
import { LiaisonError } from '@liaison/core'
import type { CodeToSend } from '../citizens/citizenSender.ts'
import { codeMinutes } from '../citizens/citizenSender.ts'
import type { CitizenDeps } from '../citizens/CitizenDeps.ts'
import type { AddressInput, NormalAddress } from '../citizens/normaliseAddress.ts'
import { normaliseAddress } from '../citizens/normaliseAddress.ts'
import { isAllowedPushEndpoint } from '../channels/push/pushServiceHosts.ts'
import { newManagementToken, newUnsubscribeToken } from '../citizens/subscriberSecrets.ts'
import type { PlaceRow } from '../store/citizens/subscriberRows.ts'
import {
  insertAddress,
  insertSubscriber,
  registeredAddresses,
  replacePlaces,
} from '../store/citizens/subscriberRows.ts'
import { newAddressCode } from './addressCodes.ts'
import { refuseBecause, runAction } from './runAction.ts'

export interface RegisterSubscriber {
  readonly addresses: readonly AddressInput[]
  readonly places: readonly PlaceRow[]
  readonly languages: readonly string[]
  readonly wantsTest: boolean
  readonly wantsExercise: boolean
  readonly source: string | null
}

/** Days the code of an imported address's first message stays valid. */
export const welcomeCodeDays = 30

/** Who acts on the public listener: a citizen, named in the audit by the subscriber's id only. */
export const citizenActor: Actor = { kind: 'anonymous', label: 'citizen' }

/** The addresses checked and normalised, each refusal naming its field; none twice. */
export function checkedAddresses(
  deps: Pick<CitizenDeps, 'sender' | 'pushOffered' | 'pushHosts'>,
  addresses: readonly AddressInput[],
  field = 'body/addresses',
): NormalAddress[] {
  const normal: NormalAddress[] = []
  addresses.forEach((input, i) => {
    const path = `${field}/${i}`
    const offered = input.kind === 'push' ? deps.pushOffered : deps.sender.kinds.has(input.kind)
    if (!offered)
      refuseBecause(
        'channel_not_configured',
        `${path}/kind: this centre sends nothing to ${input.kind} addresses`,
        [{ path: `${path}/kind`, message: 'not offered here' }],
      )
    if (input.kind === 'push' && !isAllowedPushEndpoint(input.subscription.endpoint, deps.pushHosts)) {
      const message = 'not on a push service this centre sends to'
      throw new LiaisonError('validation_failed', `${path}/subscription/endpoint: ${message}`, [
        { path: `${path}/subscription/endpoint`, message },
      ])
    }
    const checked = normaliseAddress(input)
    if (!checked.ok) {
      const { reason, message } = checked.error
      const details = [{ path: `${path}/address`, message }]
      if (reason) refuseBecause(reason, `${path}/address: ${message}`, details)
      throw new LiaisonError('validation_failed', `${path}/address: ${message}`, details)
    }
    if (normal.some((n) => n.kind === checked.value.kind && n.address === checked.value.address))
      throw new LiaisonError('validation_failed', `${path}: the same address twice`, [
        { path, message: 'the same address twice' },
      ])
    normal.push(checked.value)
  })
  return normal
}

/** A new address row for a subscriber, and the code to send to it (none for push). */
export async function addAddresses(
  deps: CitizenDeps,
  tx: Parameters<typeof insertAddress>[0],
  ctx: { newId(): string; at: Date },
  subscriberId: string,
  languages: readonly string[],
  addresses: readonly NormalAddress[],
  purpose: 'confirmation' | 'welcome',
): Promise<CodeToSend[]> {
  const codes: CodeToSend[] = []
  for (const a of addresses) {
    const id = ctx.newId()
    const unsubscribeToken = newUnsubscribeToken()
    await insertAddress(tx, {
      id,
      subscriberId,
      kind: a.kind,
      address: a.address,
      pushKeys: a.pushKeys,
      // a push subscription is made by the browser that holds it: nothing to confirm
      confirmedAt: a.kind === 'push' ? ctx.at : null,
      unsubscribeToken,
      at: ctx.at,
    })
    if (a.kind === 'push') continue
    // a code at registration is entered at once; a welcome after an import may wait weeks
    const minutes = purpose === 'welcome' ? welcomeCodeDays * 24 * 60 : codeMinutes
    codes.push(
      await newAddressCode(
        tx,
        deps,
        { id, subscriberId, kind: a.kind, address: a.address, unsubscribeToken },
        languages,
        purpose,
        new Date(ctx.at.getTime() + minutes * 60_000),
      ),
    )
  }
  return codes
}

/** Counts of what a subscriber gave, for the audit: never an address. */
export function auditCounts(addresses: readonly { kind: string }[], places: number, languages: number) {
  const kinds: Record<string, number> = {}
  for (const a of addresses) kinds[a.kind] = (kinds[a.kind] ?? 0) + 1
  return { addresses: kinds, places, languages }
}

/**
 * Registers a citizen (decision 040): the subscriber with a management token (returned once, kept
 * hashed), its addresses unconfirmed (push excepted) with a code each, its places; after the
 * commit the codes go out through their channels (`sent`).
 */
export async function registerSubscriber(
  deps: CitizenDeps,
  input: RegisterSubscriber,
): Promise<{ subscriberId: string; token: string; sent: Promise<unknown> }> {
  const token = newManagementToken()
  const { subscriberId, codes } = await runAction(
    deps,
    { action: 'citizen.register', actor: citizenActor, source: input.source },
    async (ctx) => {
      const addresses = checkedAddresses(deps, input.addresses)
      const taken = await registeredAddresses(ctx.tx, addresses)
      if (taken.length > 0) {
        const i = addresses.findIndex((a) => taken.some((t) => t.kind === a.kind && t.address === a.address))
        refuseBecause('address_already_registered', `body/addresses/${i}: already registered`, [
          { path: `body/addresses/${i}`, message: 'already registered' },
        ])
      }
      const id = ctx.newId()
      await insertSubscriber(ctx.tx, {
        id,
        tokenHash: token.hash,
        languages: input.languages,
        wantsTest: input.wantsTest,
        wantsExercise: input.wantsExercise,
        origin: 'registered',
        consentBasis: null,
        at: ctx.at,
      })
      const codes = await addAddresses(deps, ctx.tx, ctx, id, input.languages, addresses, 'confirmation')
      await replacePlaces(ctx.tx, id, input.places)
      ctx.target(id, null, auditCounts(addresses, input.places.length, input.languages.length))
      return { subscriberId: id, codes }
    },
  )
  return { subscriberId, token: token.secret, sent: sendQuietly(deps, codes) }
}

/** Sends codes after the commit; a failure is recorded on its delivery row and logged, never thrown. */
export function sendQuietly(deps: CitizenDeps, codes: readonly CodeToSend[]): Promise<unknown> {
  if (codes.length === 0) return Promise.resolve([])
  return deps.sender.send(codes).catch((error: unknown) => {
    deps.log.warn({ err: error }, 'confirmation codes were not sent')
    return []
  })
}
