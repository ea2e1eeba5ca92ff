import { apiClient } from './apiClient.ts'

/** An API token as listed: never its secret. */
export interface TokenRecord {
  readonly id: string
  readonly name: string
  readonly scopes: readonly string[]
  readonly createdAt: string
  readonly expiresAt: string
  readonly revokedAt: string | null
  readonly lastUsedAt: string | null
  readonly createdBy: string
}

export interface NewToken {
  readonly name: string
  readonly scopes: readonly string[]
  /** 1 to 365. */
  readonly expiresInDays: number
}

/** The answer to creating a token: the only time its secret is shown. */
export interface CreatedToken {
  readonly token: TokenRecord
  readonly secret: string
}

export const listTokens = (): Promise<{ items: TokenRecord[] }> => apiClient.get('/api/v1/tokens')

export const createToken = (token: NewToken): Promise<CreatedToken> => apiClient.post('/api/v1/tokens', token)

export const revokeToken = (id: string): Promise<void> =>
  apiClient.delete(`/api/v1/tokens/${encodeURIComponent(id)}`)
