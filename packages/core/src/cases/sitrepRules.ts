import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { SitrepState } from './Sitrep.ts'

/** The part of a situation report its lifecycle rules look at. */
export interface SitrepLifecycle {
  readonly state: SitrepState
  /** Counts the saves of the draft; the editor sends the version it started from. */
  readonly version: number
}

/**
 * A case's reports follow one another: the next is drafted only when the previous one (the
 * case's latest, if any) is approved, so that a case never has two drafts at once.
 */
export function mayDraftSitrep(
  previous: Pick<SitrepLifecycle, 'state'> | undefined,
): Result<void, 'previous_sitrep_draft'> {
  return previous?.state === 'draft' ? err('previous_sitrep_draft') : ok(undefined)
}

/**
 * A draft is revised from the version the editor read: an approved report is frozen, and an edit
 * of an older version is refused rather than overwrite another officer's save.
 */
export function mayReviseSitrep(
  sitrep: SitrepLifecycle,
  fromVersion: number,
): Result<number, 'sitrep_frozen' | 'stale_version'> {
  if (sitrep.state === 'approved') return err('sitrep_frozen')
  if (sitrep.version !== fromVersion) return err('stale_version')
  return ok(sitrep.version + 1)
}

/** A draft is approved as the approver read it: once, and only at the version they read. */
export function mayApproveSitrep(
  sitrep: SitrepLifecycle,
  readVersion: number,
): Result<void, 'already_approved' | 'stale_version'> {
  if (sitrep.state === 'approved') return err('already_approved')
  if (sitrep.version !== readVersion) return err('stale_version')
  return ok(undefined)
}
