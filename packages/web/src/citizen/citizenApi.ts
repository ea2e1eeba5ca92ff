import type {
  AddressRemovedAnswer,
  CitizenRegistrationInfo,
  NewSubscriberAnswer,
  NewSubscriberBody,
  PublicPlacePage,
  SubscriberBody,
  SubscriberChangeBody,
} from '@liaison/wire'
import type { Static } from 'typebox'
import { ApiError } from '../api/ApiError.ts'

/*
 * The citizen registration API of the public listener (decision 040), each request and answer
 * the static type of its schema in `@liaison/wire`. No cookie, no CSRF token: the management
 * token goes as `Authorization: Bearer`.
 */

export type RegistrationInfo = Static<typeof CitizenRegistrationInfo>
export type NewRegistration = Static<typeof NewSubscriberBody>
export type Registered = Static<typeof NewSubscriberAnswer>
export type Registration = Static<typeof SubscriberBody>
export type PlaceMatches = Static<typeof PublicPlacePage>
export type AddressRemoved = Static<typeof AddressRemovedAnswer>
export type RegistrationChange = Static<typeof SubscriberChangeBody>

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

async function call<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: { token?: string | null; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.token) headers.authorization = `Bearer ${options.token}`
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      cache: 'no-store',
      credentials: 'omit',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    })
  } catch {
    throw new ApiError({ status: 0, code: 'network_failed', message: 'the centre cannot be reached' })
  }
  if (response.status === 202 || response.status === 204) return undefined as T
  const body: unknown = await response.json().catch(() => undefined)
  if (response.ok) return body as T
  const error = isRecord(body) ? body.error : undefined
  if (isRecord(error) && typeof error.code === 'string')
    throw new ApiError({
      status: response.status,
      code: error.code,
      message: typeof error.message === 'string' ? error.message : error.code,
      ...(typeof error.reason === 'string' ? { reason: error.reason } : {}),
      details: error.details,
    })
  throw new ApiError({
    status: response.status,
    code: 'unexpected_answer',
    message: `HTTP ${response.status}`,
  })
}

export const citizenApi = {
  info: () => call<RegistrationInfo>('GET', '/public/v1/registration'),
  searchPlaces: (q: string) =>
    call<PlaceMatches>('GET', `/public/v1/places?${new URLSearchParams({ q, limit: '8' }).toString()}`),
  register: (body: NewRegistration) => call<Registered>('POST', '/public/v1/subscribers', { body }),
  read: (token: string) => call<Registration>('GET', '/public/v1/subscriber', { token }),
  confirm: (token: string, addressId: string, code: string) =>
    call<undefined>('POST', `/public/v1/subscriber/addresses/${encodeURIComponent(addressId)}/confirm`, {
      token,
      body: { code },
    }),
  resend: (token: string, addressId: string) =>
    call<undefined>('POST', `/public/v1/subscriber/addresses/${encodeURIComponent(addressId)}/code`, {
      token,
    }),
  change: (token: string, body: RegistrationChange) =>
    call<Registration>('PATCH', '/public/v1/subscriber', { token, body }),
  removeAddress: (token: string, addressId: string) =>
    call<AddressRemoved>('DELETE', `/public/v1/subscriber/addresses/${encodeURIComponent(addressId)}`, {
      token,
    }),
  erase: (token: string) => call<undefined>('DELETE', '/public/v1/subscriber', { token }),
  requestCode: (kind: 'sms' | 'email', address: string) =>
    call<undefined>('POST', '/public/v1/subscribers/code', { body: { kind, address } }),
  claim: (kind: 'sms' | 'email', address: string, code: string) =>
    call<Registered>('POST', '/public/v1/subscribers/claim', { body: { kind, address, code } }),
}
