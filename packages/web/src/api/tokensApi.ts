import type { CreatedTokenBody, Items, NewTokenBody, TokenBody } from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'

/** An API token as listed: never its secret. */
export type TokenRecord = Static<typeof TokenBody>
export type NewToken = Static<typeof NewTokenBody>
/** The answer to creating a token: the only time its secret is shown. */
export type CreatedToken = Static<typeof CreatedTokenBody>

export const listTokens = (): Promise<Items<TokenRecord>> => apiClient.get('/api/v1/tokens')

export const createToken = (token: NewToken): Promise<CreatedToken> => apiClient.post('/api/v1/tokens', token)

export const revokeToken = (id: string): Promise<void> =>
  apiClient.delete(`/api/v1/tokens/${encodeURIComponent(id)}`)
