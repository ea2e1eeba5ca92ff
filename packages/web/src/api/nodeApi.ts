import type { Country, OrganisationKind } from '@liaison/core'
import { apiClient } from './apiClient.ts'

/** An organisation as the API presents it. */
export interface OrganisationRecord {
  readonly id: string
  readonly nodeId: string
  readonly code: string
  readonly name: string
  readonly kind: OrganisationKind
  readonly country: Country
  readonly parentId: string | null
  readonly createdAt: string
}

/** Which node this is (public: the sign-in page shows the centre's name). */
export interface NodeInfo {
  readonly id: string
  readonly name: string
  readonly country: Country
  readonly centre: OrganisationRecord | null
  readonly version: string
}

export const fetchNode = (): Promise<NodeInfo> => apiClient.get('/api/v1/node')

export const listOrganisations = (): Promise<{ items: OrganisationRecord[] }> =>
  apiClient.get('/api/v1/organisations')
