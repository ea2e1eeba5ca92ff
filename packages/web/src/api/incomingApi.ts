import type {
  IncomingItemBody,
  IncomingPage,
  ReceiptBody,
  ReceiptPage,
  ReceivedFeaturePage,
} from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'
import { pageQuery } from './Page.ts'

/* What partner centres sent (decision 035). */

export type IncomingItem = Static<typeof IncomingItemBody>
export type IncomingItems = Static<typeof IncomingPage>
export type ReceivedFeatures = Static<typeof ReceivedFeaturePage>
export type ReceivedFeature = ReceivedFeatures['features'][number]
export type Receipt = Static<typeof ReceiptBody>
export type Receipts = Static<typeof ReceiptPage>
export type IncomingStatus = IncomingItem['status']

const seg = encodeURIComponent

export const listIncoming = (status: IncomingStatus, after?: string): Promise<IncomingItems> =>
  apiClient.get(`/api/v1/federation/incoming${pageQuery({ status }, after)}`)

export const fetchReceivedCase = (origin: string, id: string): Promise<IncomingItem> =>
  apiClient.get(`/api/v1/federation/incoming/${seg(origin)}/cases/${seg(id)}`)

export const listReceivedCaseItems = (
  origin: string,
  id: string,
  kind: Exclude<IncomingItem['kind'], 'case'>,
  after?: string,
): Promise<IncomingItems> =>
  apiClient.get(
    `/api/v1/federation/incoming/${seg(origin)}/cases/${seg(id)}/items${pageQuery({ kind }, after)}`,
  )

export const acknowledgeIncoming = (
  item: Pick<IncomingItem, 'origin' | 'kind' | 'id'>,
): Promise<IncomingItem> =>
  apiClient.post('/api/v1/federation/acknowledgements', { origin: item.origin, kind: item.kind, id: item.id })

export const fetchReceivedFeatures = (status: IncomingStatus = 'actual'): Promise<ReceivedFeatures> =>
  apiClient.get(`/api/v1/federation/incoming/map${pageQuery({ status, limit: '500' })}`)

export const listCaseReceipts = (caseId: string, after?: string): Promise<Receipts> =>
  apiClient.get(`/api/v1/cases/${seg(caseId)}/receipts${pageQuery({}, after)}`)
