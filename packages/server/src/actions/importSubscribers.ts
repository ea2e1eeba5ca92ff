import type { Caller, CsvRecord } from '@liaison/core'
import { callerActor, isLiaisonError } from '@liaison/core'
import type { CodeToSend } from '../citizens/citizenSender.ts'
import type { CitizenDeps } from '../citizens/CitizenDeps.ts'
import type { AddressInput, NormalAddress } from '../citizens/normaliseAddress.ts'
import { newManagementToken, newUnsubscribeToken } from '../citizens/subscriberSecrets.ts'
import type { NewAddressRow, NewSubscriberRow, PlaceRow } from '../store/citizens/subscriberRows.ts'
import {
  insertAddresses,
  insertPlaces,
  insertSubscribers,
  registeredAddresses,
} from '../store/citizens/subscriberRows.ts'
import { codeMessage, newCodeFor } from './addressCodes.ts'
import { checkedAddresses, welcomeCodeDays } from './registerSubscriber.ts'
import { requirePermission } from './requirePermission.ts'
import { runAction } from './runAction.ts'

/** The columns of a subscriber list, by name in its first line; `phone` or `email` is required. */
export const subscriberColumns = [
  'phone',
  'email',
  'languages',
  'label',
  'lon',
  'lat',
  'area_code',
  'wants_test',
  'wants_exercise',
] as const

export interface SubscriberImportRow {
  readonly line: number
  readonly addresses: NormalAddress[]
  readonly languages: string[]
  readonly place: PlaceRow | null
  readonly wantsTest: boolean
  readonly wantsExercise: boolean
}

export interface RefusedRow {
  readonly line: number
  readonly reason: string
}

const yes = (v: string | undefined) => /^(1|yes|true|oui|ja|y)$/i.test((v ?? '').trim())
const languagePattern = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/
const decimalPattern = /^[+-]?\d{1,3}(\.\d{1,15})?$/
/** As the registration route takes a place's area (`SubscriberPlace` in the wire). */
const areaCodePattern = /^[A-Za-z0-9._-]{1,40}$/

/**
 * A list's records read as subscribers: each row one person (a phone, an e-mail or both, its
 * languages separated by spaces or `|`, at most one place), or refused with its line and why.
 */
export function readSubscriberRows(
  deps: Pick<CitizenDeps, 'sender' | 'pushOffered' | 'pushHosts'>,
  records: readonly CsvRecord[],
): { rows: SubscriberImportRow[]; refused: RefusedRow[] } {
  const refused: RefusedRow[] = []
  const [header, ...body] = records
  if (!header) return { rows: [], refused: [{ line: 1, reason: 'the file is empty' }] }
  const names = header.fields.map((f) => f.trim().toLowerCase())
  const unknown = names.filter((n) => !(subscriberColumns as readonly string[]).includes(n))
  const twice = names.filter((n, i) => names.indexOf(n) !== i)
  if (twice.length > 0)
    return {
      rows: [],
      refused: [
        {
          line: header.line,
          reason: `a column is named twice: ${[...new Set(twice)].join(', ').slice(0, 200)}`,
        },
      ],
    }
  if (unknown.length > 0 || !(names.includes('phone') || names.includes('email')))
    return {
      rows: [],
      refused: [
        {
          line: header.line,
          reason: `the first line names the columns: ${subscriberColumns.join(', ')} (phone or email at least)${unknown.length ? `; unknown: ${unknown.join(', ').slice(0, 200)}` : ''}`,
        },
      ],
    }
  const rows: SubscriberImportRow[] = []
  const seen = new Set<string>()
  for (const record of body) {
    const get = (name: (typeof subscriberColumns)[number]) => {
      const i = names.indexOf(name)
      return i < 0 ? undefined : record.fields[i]?.trim()
    }
    const refuse = (reason: string) => refused.push({ line: record.line, reason })
    if (record.fields.length !== names.length) {
      refuse(`${record.fields.length} fields, the first line names ${names.length}`)
      continue
    }
    const inputs: AddressInput[] = []
    const phone = get('phone')
    const email = get('email')
    if (phone) inputs.push({ kind: 'sms', address: phone })
    if (email) inputs.push({ kind: 'email', address: email })
    if (inputs.length === 0) {
      refuse('no phone and no email')
      continue
    }
    let addresses: NormalAddress[]
    try {
      addresses = checkedAddresses(deps, inputs, 'row')
    } catch (error) {
      const column = (n: string) => (inputs[Number(n)]?.kind === 'sms' ? 'phone' : 'email')
      const message = isLiaisonError(error) ? error.message : String(error)
      refuse(message.replace(/^row\/(\d+)(\/address|\/kind)?/, (_m, n: string) => column(n)))
      continue
    }
    const again = addresses.find((a) => seen.has(`${a.kind} ${a.address}`))
    if (again) {
      refuse(`${again.kind === 'sms' ? 'phone' : 'email'}: the same address as an earlier row`)
      continue
    }
    const languages = (get('languages') ?? '').split(/[\s|]+/).filter((l) => l !== '')
    if (languages.length === 0 || languages.length > 5 || !languages.every((l) => languagePattern.test(l))) {
      refuse('languages: one to five language tags, such as "nl fr"')
      continue
    }
    let place: PlaceRow | null = null
    const lon = get('lon')
    const lat = get('lat')
    if (lon || lat) {
      // decimal degrees as written: no hexadecimal, exponent or blank coerced into a number
      const x = lon && decimalPattern.test(lon) ? Number(lon) : Number.NaN
      const y = lat && decimalPattern.test(lat) ? Number(lat) : Number.NaN
      if (
        !lon ||
        !lat ||
        !Number.isFinite(x) ||
        !Number.isFinite(y) ||
        Math.abs(x) > 180 ||
        Math.abs(y) > 90
      ) {
        refuse('lon, lat: a point in WGS 84 degrees, both given')
        continue
      }
      const areaCode = get('area_code') || null
      if (areaCode !== null && !areaCodePattern.test(areaCode)) {
        refuse('area_code: an imported area\'s code, 1 to 40 letters, digits, ".", "_" or "-"')
        continue
      }
      const label = get('label') || 'home'
      if ([...label].length > 60) {
        refuse('label: at most 60 characters')
        continue
      }
      place = { label, lon: x, lat: y, areaCode }
    }
    for (const a of addresses) seen.add(`${a.kind} ${a.address}`)
    rows.push({
      line: record.line,
      addresses,
      languages: [...new Set(languages)],
      place,
      wantsTest: yes(get('wants_test')),
      wantsExercise: yes(get('wants_exercise')),
    })
  }
  return { rows, refused }
}

/** Rows per transaction: a municipality's list of tens of thousands goes in chunks. */
const chunk = 500

/**
 * Imports a municipality's list (decision 040), in chunks of `chunk` rows, each one action with
 * one audit row and one multi-row insert per table (counts and the consent basis, never an address): each row a subscriber of
 * origin `imported` with the list's consent basis, its addresses unconfirmed, each with a
 * welcome code valid for weeks. A row whose address is already registered is refused. The
 * welcome messages are returned to send (the caller sends them, or not in a dry run).
 */
export async function importSubscribers(
  deps: CitizenDeps,
  input: {
    rows: readonly SubscriberImportRow[]
    consentBasis: string
    caller: Caller
    source: string | null
  },
): Promise<{ imported: number; refused: RefusedRow[]; codes: CodeToSend[] }> {
  const refused: RefusedRow[] = []
  const codes: CodeToSend[] = []
  let imported = 0
  for (let start = 0; start < input.rows.length; start += chunk) {
    const part = input.rows.slice(start, start + chunk)
    const done = await runAction(
      deps,
      { action: 'citizen.import', actor: callerActor(input.caller), source: input.source },
      async (ctx) => {
        // the public warning's people manage its subscribers
        requirePermission(input.caller, 'alerts.draft')
        const taken = await registeredAddresses(
          ctx.tx,
          part.flatMap((r) => r.addresses),
        )
        const isTaken = (a: NormalAddress) => taken.some((t) => t.kind === a.kind && t.address === a.address)
        const partRefused: RefusedRow[] = []
        const partCodes: CodeToSend[] = []
        // the chunk's rows built here, then written in one statement per table
        const subscribers: NewSubscriberRow[] = []
        const addresses: NewAddressRow[] = []
        const places: { subscriberId: string; places: PlaceRow[] }[] = []
        const expiresAt = new Date(ctx.at.getTime() + welcomeCodeDays * 24 * 60 * 60_000)
        for (const row of part) {
          const already = row.addresses.find(isTaken)
          if (already) {
            partRefused.push({
              line: row.line,
              reason: `${already.kind === 'sms' ? 'phone' : 'email'}: already registered`,
            })
            continue
          }
          const id = ctx.newId()
          subscribers.push({
            id,
            // no one holds this token: the person proves control with the code of the first message
            tokenHash: newManagementToken().hash,
            languages: row.languages,
            wantsTest: row.wantsTest,
            wantsExercise: row.wantsExercise,
            origin: 'imported',
            consentBasis: input.consentBasis,
            at: ctx.at,
          })
          for (const a of row.addresses) {
            if (a.kind === 'push') continue // a list holds phones and e-mail addresses only
            const addressId = ctx.newId()
            const unsubscribeToken = newUnsubscribeToken()
            const { code, hash } = newCodeFor(addressId)
            addresses.push({
              id: addressId,
              subscriberId: id,
              kind: a.kind,
              address: a.address,
              pushKeys: null,
              confirmedAt: null,
              unsubscribeToken,
              at: ctx.at,
              code: { hash, expiresAt },
            })
            partCodes.push(
              codeMessage(
                deps,
                { id: addressId, subscriberId: id, kind: a.kind, address: a.address, unsubscribeToken },
                row.languages,
                'welcome',
                code,
              ),
            )
          }
          if (row.place) places.push({ subscriberId: id, places: [row.place] })
        }
        await insertSubscribers(ctx.tx, subscribers)
        await insertAddresses(ctx.tx, addresses)
        await insertPlaces(ctx.tx, places)
        const count = subscribers.length
        ctx.target(null, null, {
          imported: count,
          refused: partRefused.length,
          consentBasis: input.consentBasis,
        })
        return { count, partRefused, partCodes }
      },
    )
    imported += done.count
    refused.push(...done.partRefused)
    codes.push(...done.partCodes)
  }
  return { imported, refused, codes }
}
