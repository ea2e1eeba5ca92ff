import type { PagingPolicyBody } from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'

/** The organisation's on-call chain and its times (decision 044). */
export type PagingPolicy = Static<typeof PagingPolicyBody>

export const getPagingPolicy = (): Promise<PagingPolicy> => apiClient.get('/api/v1/paging/policy')

export const setPagingPolicy = (policy: PagingPolicy): Promise<PagingPolicy> =>
  apiClient.put('/api/v1/paging/policy', policy)
