import type { Case } from '@liaison/core'
import { canSeeCase, LiaisonError, refusalError } from '@liaison/core'
import type { Kysely } from 'kysely'
import { findCase, logEntryPlace } from '../store/cases/caseRows.ts'
import type { Database } from '../store/schema.ts'

/** A case the organisation may see (it takes part in it), or the refusal. */
export async function visibleCase(db: Kysely<Database>, caseId: string, orgId: string): Promise<Case> {
  const c = await findCase(db, caseId)
  if (!c) throw new LiaisonError('not_found', `no case ${caseId}`)
  if (!canSeeCase(c, orgId))
    throw refusalError('not_participant', 'your organisation does not take part in this case')
  return c
}

/** Refuses unless the organisation sees this log entry (its own daily log, or a case it takes part in). */
export async function requireVisibleLogEntry(
  db: Kysely<Database>,
  entryId: string,
  orgId: string,
): Promise<void> {
  const entry = await logEntryPlace(db, entryId)
  if (!entry) throw new LiaisonError('not_found', `no log entry ${entryId}`)
  const c = entry.case_id ? await findCase(db, entry.case_id) : null
  if (c ? !canSeeCase(c, orgId) : entry.org_id !== orgId)
    throw refusalError('not_participant', 'your organisation does not see this entry')
}
