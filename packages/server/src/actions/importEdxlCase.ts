import type { Case, Caller, Role } from '@liaison/core'
import { callerActor, LiaisonError, newCase, permissionsOf } from '@liaison/core'
import type { EdxlProblem, ReadEdxlCase } from '@liaison/formats/edxl'
import { insertCase } from '../store/cases/caseRows.ts'
import { findUserRow } from '../store/identity/userRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { refuse, runAction } from './runAction.ts'

export interface ImportEdxlCase {
  /** The distribution as the tolerant reader read it (`readEdxlCase`). */
  readonly read: ReadEdxlCase
  readonly caller: Caller
  /**
   * At the command line: the person in whose name the case is opened (their organisation owns
   * it). A person or token calling over HTTP opens it in their own name.
   */
  readonly username?: string
  readonly fileName: string | null
  readonly source: string | null
}

export interface ImportedEdxlCase {
  readonly case: Case
  /** The reader's warnings and what the import left out. */
  readonly warnings: readonly EdxlProblem[]
}

/**
 * Opens a case from another system's EDXL-DE/EMSI message (decision 039), as `openCase` does:
 * owned by the importing organisation, audited, its `case.opened` event shared with the case.
 * The original's identity (distribution, sender, EMSI message and event ids) is recorded in the
 * audit row. A case holds no casualty counts: those of the message are named in a warning.
 */
export async function importEdxlCase(deps: ActionDeps, input: ImportEdxlCase): Promise<ImportedEdxlCase> {
  const { read } = input
  return runAction(
    deps,
    { action: 'case.import-edxl', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      const original = {
        distributionId: read.distribution.id,
        senderId: read.distribution.senderId,
        emsiId: read.emsi.id,
        eventId: read.case.id,
        origin: read.emsi.originOrgId,
        file: input.fileName,
      }
      ctx.target(null, null, original)
      const owner = await ownerOf(ctx.tx, input)
      const facts = read.case
      const decided = newCase(
        {
          kind: facts.kind,
          status: facts.status,
          type: facts.type,
          title: facts.title,
          description: facts.description,
          location: facts.location,
          startsAt: facts.startsAt,
          endsAt: facts.endsAt,
          severity: facts.severity,
          disciplines: facts.disciplines,
          scaling: facts.scaling,
          participants: [],
        },
        { id: ctx.newId(), ownerOrgId: owner.orgId, createdBy: owner.userId, at: ctx.at },
      )
      if (!decided.ok)
        return refuse('validation_failed', decided.error.problems.join('; '), {
          problems: decided.error.problems,
        })
      // the sender's state stands: a message about a closed event opens a closed case
      const c: Case = { ...decided.value, state: facts.state }
      await insertCase(ctx.tx, c)
      const warnings = [...read.warnings]
      if (facts.casualties !== null) {
        const k = facts.casualties.counts
        warnings.push({
          path: 'edxlDistribution.content.contentObject.contentXML.embeddedXMLContent.emsi.event.casualties',
          message: `not kept (a case holds no counts; draft a report): ${k.dead} dead, ${k.injured} injured, ${k.missing} missing, ${k.evacuated} evacuated`,
        })
      }
      ctx.target(c.id, c.ownerOrgId, { ...original, kind: c.kind, status: c.status, title: c.title })
      ctx.emit({
        body: { kind: 'case.opened', case: c },
        subject: c.id,
        orgId: c.ownerOrgId,
        distribution: { kind: 'case', caseId: c.id },
        status: c.status,
      })
      return { case: c, warnings }
    },
  )
}

async function ownerOf(
  tx: Parameters<typeof findUserRow>[0],
  input: ImportEdxlCase,
): Promise<{ orgId: string; userId: string }> {
  const { caller } = input
  if (caller.kind === 'user' || caller.kind === 'token') {
    requirePermission(caller, 'cases.manage')
    return { orgId: caller.orgId, userId: caller.userId }
  }
  if (input.username === undefined)
    throw new LiaisonError('validation_failed', 'username: name the person in whose name the case is opened')
  const user = await findUserRow(tx, { username: input.username })
  if (user === undefined || user.disabled)
    throw new LiaisonError('validation_failed', `username: no active user '${input.username}'`)
  if (!permissionsOf(user.roles as Role[]).includes('cases.manage'))
    throw new LiaisonError(
      'validation_failed',
      `username: '${input.username}' may not open cases (cases.manage)`,
    )
  return { orgId: user.org_id, userId: user.id }
}
