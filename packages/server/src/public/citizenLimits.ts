import { LiaisonError } from '@liaison/core'
import type { Kysely } from 'kysely'
import { countInWindow } from '../store/rateLimitRows.ts'
import type { Database } from '../store/schema.ts'

/** How often, per hour, a client address or an address of a subscriber may do each thing (decision 040). */
export const citizenLimits = {
  /** Registrations from one client address. */
  registerPerIp: 10,
  /** Codes sent to one phone or e-mail address (the first included). */
  codesPerAddress: 3,
  /** Codes entered and reads, changes, deletions from one client address. */
  requestsPerIp: 120,
} as const

const hour = 60 * 60_000

/**
 * Counts one hit against a limit in the shared `rate_limits` table (by the database's clock, so
 * every process of the node counts together) and refuses past it, saying when to come back.
 */
export async function withinCitizenLimit(db: Kysely<Database>, key: string, max: number): Promise<void> {
  const counted = await countInWindow(db, `citizen:${key}`, hour)
  if (counted.count > max)
    throw new LiaisonError(
      'rate_limited',
      `too many requests; try again in ${Math.ceil(counted.ttl / 60_000)} min`,
    )
}
