import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'

/**
 * A record of the directory (a contact, a plan and its document, a calendar feed, a handover) is
 * kept by one organisation: only it changes the record.
 */
export function mayChangeRecord(keeperOrgId: string, orgId: string): Result<void, 'not_keeper'> {
  return keeperOrgId === orgId ? ok(undefined) : err('not_keeper')
}

/** What an organisation wrote or drew (a log entry, a map feature) is changed by that organisation only. */
export function mayChangeOwnWork(authorOrgId: string, orgId: string): Result<void, 'not_author'> {
  return authorOrgId === orgId ? ok(undefined) : err('not_author')
}

/**
 * A map feature is changed by the organisation that drew it, from the version it read: an edit of
 * an older version (or one that does not say which it read) is refused rather than overwrite
 * another's.
 */
export function mayChangeMapFeature(
  feature: { readonly orgId: string; readonly version: number },
  by: { readonly orgId: string; readonly fromVersion: number | undefined },
): Result<void, 'not_author' | 'stale_version'> {
  if (feature.orgId !== by.orgId) return err('not_author')
  if (feature.version !== by.fromVersion) return err('stale_version')
  return ok(undefined)
}

/** A plan is activated for a case once; activating it again is refused, not repeated. */
export function mayActivatePlan(alreadyActive: boolean): Result<void, 'plan_already_active'> {
  return alreadyActive ? err('plan_already_active') : ok(undefined)
}

/** An entry carries at most `perEntry` files. */
export function mayAttachFile(attached: number, perEntry: number): Result<void, 'too_many_files'> {
  return attached >= perEntry ? err('too_many_files') : ok(undefined)
}

/**
 * A contact is stale once the day it was to be checked again (`revalidateBy`, a `YYYY-MM-DD`
 * date) is past: on that day itself it is still current.
 */
export function isContactStale(revalidateBy: string, today: string): boolean {
  return revalidateBy < today
}
