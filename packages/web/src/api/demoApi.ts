import { isApiError } from './ApiError.ts'
import { apiClient } from './apiClient.ts'

/** A demo node's account, with its password and current one-time code. */
export interface DemoAccount {
  readonly username: string
  readonly password: string
  readonly displayName: string
  readonly roles: readonly string[]
  readonly organisation: string
  readonly code: string
  readonly codeExpiresInSeconds: number
}

/** The demo accounts, or null on a real node (which answers 404). */
export async function fetchDemoAccounts(): Promise<DemoAccount[] | null> {
  try {
    const answer = await apiClient.get<{ users: DemoAccount[] }>('/api/v1/demo/sign-in')
    return answer.users
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null
    throw error
  }
}
