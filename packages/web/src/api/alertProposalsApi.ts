import type {
  AlertProposalAnsweredBody,
  AlertProposalBody,
  AlertProposalPage,
  NewAlertProposalAnswerBody,
} from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'
import { pageQuery } from './Page.ts'

/* Alert proposals across borders (decision 042). */

export type AlertProposal = Static<typeof AlertProposalBody>
export type AlertProposals = Static<typeof AlertProposalPage>
export type AlertProposalStatus = AlertProposal['status']
export type AlertProposalAnswer = Static<typeof NewAlertProposalAnswerBody>

const seg = encodeURIComponent

export const listAlertProposals = (status: AlertProposalStatus, after?: string): Promise<AlertProposals> =>
  apiClient.get(`/api/v1/alert-proposals${pageQuery({ status }, after)}`)

export const fetchAlertProposal = (origin: string, id: string): Promise<AlertProposal> =>
  apiClient.get(`/api/v1/alert-proposals/${seg(origin)}/${seg(id)}`)

export const answerAlertProposal = (
  origin: string,
  id: string,
  answer: AlertProposalAnswer,
): Promise<Static<typeof AlertProposalAnsweredBody>> =>
  apiClient.post(`/api/v1/alert-proposals/${seg(origin)}/${seg(id)}/answer`, answer)

export const listProposalsOfAlert = (alertId: string): Promise<{ items: AlertProposal[] }> =>
  apiClient.get(`/api/v1/alerts/${seg(alertId)}/proposals`)
