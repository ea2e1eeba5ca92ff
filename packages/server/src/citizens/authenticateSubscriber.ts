import { LiaisonError } from '@liaison/core'
import type { Kysely } from 'kysely'
import type { SubscriberRow } from '../store/citizens/subscriberRows.ts'
import { subscriberByTokenHash } from '../store/citizens/subscriberRows.ts'
import type { Database } from '../store/schema.ts'
import { managementTokenHash } from './subscriberSecrets.ts'

const tokenPattern = /^Bearer (lsub_[A-Za-z0-9_-]{43})$/

/** The subscriber whose management token the request carries (`Authorization: Bearer lsub_…`). */
export async function authenticateSubscriber(
  db: Kysely<Database>,
  authorization: string | string[] | undefined,
): Promise<SubscriberRow> {
  if (authorization === undefined)
    throw new LiaisonError(
      'unauthenticated',
      'the management token is required (Authorization: Bearer lsub_…)',
    )
  const match = typeof authorization === 'string' ? tokenPattern.exec(authorization) : null
  const found = match ? await subscriberByTokenHash(db, managementTokenHash(match[1]!)) : undefined
  if (!found)
    throw new LiaisonError('session_invalid', 'authorization: not a management token of this centre')
  return found
}
