import type { FederationPeerStatus, TakenPeerKey } from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'

/* Partner status (issue 9, capability 7): each peer centre as this node sees it. */

export type PartnerStatus = Static<typeof FederationPeerStatus>

export const listPartnerStatus = (): Promise<{ items: PartnerStatus[] }> =>
  apiClient.get('/api/v1/federation/peers')

/** Takes the new key a peer announced (an administrator, after checking its fingerprint). */
export const takePeerKey = (nodeId: string, keyId: string): Promise<Static<typeof TakenPeerKey>> =>
  apiClient.post(`/api/v1/federation/peers/${encodeURIComponent(nodeId)}/take-key`, { keyId })
