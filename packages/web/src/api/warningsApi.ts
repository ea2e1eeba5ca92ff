import type { WarningPage } from '@liaison/wire'
import type { Static } from 'typebox'
import { apiClient } from './apiClient.ts'
import { pageQuery } from './Page.ts'

/** A page of other authorities' warnings in force, with the sources whose word may not be current. */
export type WarningsPage = Static<typeof WarningPage>
export type WarningRecord = WarningsPage['items'][number]
export type BoardSource = WarningsPage['sources'][number]

export const listWarningsInForce = (after?: string): Promise<WarningsPage> =>
  apiClient.get(`/api/v1/warnings-in-force${pageQuery({}, after)}`)
