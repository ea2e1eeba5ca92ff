import type { ExplainBody, ExplainRequestBody } from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'

export type ExplainRequest = Static<typeof ExplainRequestBody>
export type Explanation = Static<typeof ExplainBody>

/** Who would see a draft item of the caller's organisation, and why (nothing is written). */
export const explainSharing = (draft: ExplainRequest): Promise<Explanation> =>
  apiClient.post('/api/v1/sharing/explain', draft)
