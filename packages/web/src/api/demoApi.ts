import type { DemoAccountBody, DemoAccountsBody } from '@liaison/wire'
import type { Static } from 'typebox'
import { isApiError } from './ApiError.ts'
import { apiClient } from './apiClient.ts'

/** A demo node's account, with its password and current one-time code. */
export type DemoAccount = Static<typeof DemoAccountBody>

/** The demo accounts, or null on a real node (which answers 404). */
export async function fetchDemoAccounts(): Promise<DemoAccount[] | null> {
  try {
    const answer = await apiClient.get<Static<typeof DemoAccountsBody>>('/api/v1/demo/sign-in')
    return answer.users
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null
    throw error
  }
}
