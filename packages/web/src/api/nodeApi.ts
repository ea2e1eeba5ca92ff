import type { Items, NodeBody, OrganisationBody } from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'

/** An organisation as the API presents it. */
export type OrganisationRecord = Static<typeof OrganisationBody>

/** Which node this is (public: the sign-in page shows the centre's name). */
export type NodeInfo = Static<typeof NodeBody>

export const fetchNode = (): Promise<NodeInfo> => apiClient.get('/api/v1/node')

export const listOrganisations = (): Promise<Items<OrganisationRecord>> =>
  apiClient.get('/api/v1/organisations')
