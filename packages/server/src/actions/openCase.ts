import type { Case, Caller, NewCaseInput } from '@liaison/core'
import { callerActor, newCase } from '@liaison/core'
import { insertCase, logEntryPlace } from '../store/cases/caseRows.ts'
import { findForeignOrganisationId } from '../store/federation/foreignOrganisationRows.ts'
import { findOrganisation } from '../store/organisations/organisationRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import type { ActionContext } from './runAction.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import { refuse, runAction } from './runAction.ts'

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `nl:centre`: an organisation of a peer, by its node and code. */
const foreignCode = /^([a-z][a-z0-9-]{0,31}):(.+)$/

/**
 * The ids of the organisations named by code or by id (as a case's answer lists them, so a list
 * read can be sent back), refusing any this node does not know. An organisation of a peer (one
 * its node document published) is named by its id or as `node:code` (`nl:centre`); the case is
 * then shared with it through the federation streams (decision 035).
 */
export async function participantIds(
  ctx: ActionContext,
  nodeId: string,
  names: readonly string[],
): Promise<string[]> {
  const ids: string[] = []
  const unknown: string[] = []
  for (const name of names) {
    const org = await findOrganisation(
      ctx.tx,
      nodeId,
      uuidShape.test(name) ? { id: name.toLowerCase() } : { code: name },
    )
    const foreign = foreignCode.exec(name)
    const id =
      org?.id ??
      (uuidShape.test(name)
        ? await findForeignOrganisationId(ctx.tx, { id: name.toLowerCase() })
        : foreign
          ? await findForeignOrganisationId(ctx.tx, { nodeId: foreign[1] ?? '', code: foreign[2] ?? '' })
          : null)
    if (id) ids.push(id)
    else unknown.push(name)
  }
  if (unknown.length > 0)
    refuse(
      'validation_failed',
      `participants: no organisation with code or id ${unknown.map((c) => `'${c}'`).join(', ')}`,
    )
  return [...new Set(ids)]
}

export interface OpenCase {
  readonly caller: Caller
  readonly input: Omit<NewCaseInput, 'participants'> & { readonly participants: readonly string[] }
  readonly source: string | null
}

/** Opens an incident or a planned event, owned by the caller's organisation. */
export async function openCase(deps: ActionDeps, command: OpenCase): Promise<Case> {
  return runAction(
    deps,
    { action: 'case.open', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.manage')
      const participants = await participantIds(ctx, deps.nodeId, command.input.participants)
      let description = command.input.description
      if (command.input.fromLogEntry) {
        const entry = await logEntryPlace(ctx.tx, command.input.fromLogEntry)
        if (!entry || entry.case_id !== null || entry.org_id !== caller.orgId) {
          return refuse('validation_failed', "fromLogEntry: not an entry of your organisation's daily log")
        }
        if (!description.trim()) description = entry.text
      }
      const decided = newCase(
        { ...command.input, description, participants },
        { id: ctx.newId(), ownerOrgId: caller.orgId, createdBy: caller.userId, at: ctx.at },
      )
      if (!decided.ok)
        return refuse('validation_failed', decided.error.problems.join('; '), {
          problems: decided.error.problems,
        })
      const c = decided.value
      await insertCase(ctx.tx, c)
      ctx.target(c.id, c.ownerOrgId, { kind: c.kind, status: c.status, title: c.title })
      ctx.emit({
        body: { kind: 'case.opened', case: c },
        subject: c.id,
        orgId: c.ownerOrgId,
        distribution: { kind: 'case', caseId: c.id },
        status: c.status,
      })
      return c
    },
  )
}
