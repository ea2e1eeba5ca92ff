import type { Caller, FeatureKind, MapFeature } from '@liaison/core'
import {
  callerActor,
  caseAudience,
  featureKinds,
  parseGeometry,
  parseLocalDate,
  mayActivatePlan,
  mayChangeMapFeature,
  mayChangeOwnWork,
  mayChangeRecord,
} from '@liaison/core'
import { findCase } from '../store/cases/caseRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requireCaseWrite } from './requireCaseWrite.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import { refuse, runAction, unwrap } from './runAction.ts'

export interface SaveMapFeature {
  readonly caller: Caller
  readonly caseId: string
  /** Absent: a new feature. Present: the feature to change, with the version it was read at. */
  readonly featureId?: string | undefined
  readonly version?: number | undefined
  readonly kind: string
  readonly label: string
  readonly geometry: unknown
  readonly source: string | null
}

/** Draws or moves a feature on a case's map. Organisations taking part draw; each edits only its own. */
export async function saveMapFeature(deps: ActionDeps, command: SaveMapFeature): Promise<MapFeature> {
  return runAction(
    deps,
    {
      action: command.featureId ? 'map-feature.update' : 'map-feature.add',
      actor: callerActor(command.caller),
      source: command.source,
    },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.write')
      ctx.target(command.featureId ?? command.caseId, caller.orgId)
      const c = await findCase(ctx.tx, command.caseId)
      if (!c) return refuse('not_found', `no case ${command.caseId}`)
      requireCaseWrite(caller, c)
      const parsed = parseGeometry(command.geometry)
      const problems = 'problems' in parsed ? [...parsed.problems] : []
      if (!(featureKinds as readonly string[]).includes(command.kind))
        problems.push(`kind: must be one of ${featureKinds.join(', ')}`)
      if (command.label.trim().length === 0 || command.label.length > 200)
        problems.push('label: must be 1 to 200 characters')
      if ('problems' in parsed || problems.length > 0)
        return refuse('validation_failed', problems.join('; '), { problems })
      let feature: MapFeature
      if (command.featureId) {
        const row = await ctx.tx
          .selectFrom('map_features')
          .selectAll()
          .where('id', '=', command.featureId)
          .where('case_id', '=', c.id)
          .where('removed_at', 'is', null)
          .forUpdate()
          .executeTakeFirst()
        if (!row) return refuse('not_found', `no feature ${command.featureId} on this case`)
        unwrap(
          mayChangeMapFeature(
            { orgId: row.org_id, version: row.version },
            { orgId: caller.orgId, fromVersion: command.version },
          ),
          (reason) =>
            reason === 'not_author'
              ? 'another organisation drew this feature; ask it to change it'
              : `this feature changed meanwhile (now version ${row.version}); reload the map`,
        )
        feature = {
          id: row.id,
          caseId: c.id,
          orgId: row.org_id,
          kind: command.kind as FeatureKind,
          label: command.label.trim(),
          geometry: parsed.geometry,
          version: row.version + 1,
          createdBy: row.created_by,
          updatedAt: ctx.at,
        }
        await ctx.tx
          .updateTable('map_features')
          .set({
            kind: feature.kind,
            label: feature.label,
            geometry: JSON.stringify(feature.geometry),
            version: feature.version,
            updated_at: ctx.at,
          })
          .where('id', '=', row.id)
          .execute()
      } else {
        feature = {
          id: ctx.newId(),
          caseId: c.id,
          orgId: caller.orgId,
          kind: command.kind as FeatureKind,
          label: command.label.trim(),
          geometry: parsed.geometry,
          version: 1,
          createdBy: caller.userId,
          updatedAt: ctx.at,
        }
        await ctx.tx
          .insertInto('map_features')
          .values({
            id: feature.id,
            case_id: c.id,
            org_id: caller.orgId,
            kind: feature.kind,
            label: feature.label,
            geometry: JSON.stringify(feature.geometry),
            version: 1,
            created_by: caller.userId,
            updated_at: ctx.at,
            removed_at: null,
          })
          .execute()
      }
      ctx.target(feature.id, caller.orgId, { caseId: c.id, kind: feature.kind })
      ctx.emit({ kind: 'map-feature.saved', feature }, feature.id, caller.orgId, caseAudience(c))
      return feature
    },
  )
}

export async function removeMapFeature(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly featureId: string
    readonly caseId?: string | undefined
    readonly source: string | null
  },
): Promise<void> {
  await runAction(
    deps,
    { action: 'map-feature.remove', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.write')
      ctx.target(command.featureId, caller.orgId)
      const row = await ctx.tx
        .selectFrom('map_features')
        .select(['org_id', 'case_id'])
        .where('id', '=', command.featureId)
        .where('removed_at', 'is', null)
        .executeTakeFirst()
      if (!row) return refuse('not_found', `no feature ${command.featureId}`)
      unwrap(mayChangeOwnWork(row.org_id, caller.orgId), 'another organisation drew this feature')
      if (command.caseId !== undefined && row.case_id !== command.caseId)
        return refuse('not_found', `no feature ${command.featureId} on this case`)
      const c = await findCase(ctx.tx, row.case_id)
      if (!c) return refuse('not_found', `no case ${row.case_id}`)
      requireCaseWrite(caller, c)
      await ctx.tx
        .updateTable('map_features')
        .set({ removed_at: ctx.at })
        .where('id', '=', command.featureId)
        .execute()
      ctx.emit(
        { kind: 'map-feature.removed', featureId: command.featureId, caseId: row.case_id },
        command.featureId,
        caller.orgId,
        caseAudience(c),
      )
    },
  )
}

export const contactKinds = ['point-of-contact', 'person', 'building', 'infrastructure'] as const

export interface ContactInput {
  readonly kind: (typeof contactKinds)[number]
  readonly name: string
  readonly role: string
  readonly organisationName: string
  readonly region: string
  readonly phones: readonly { readonly label: string; readonly number: string }[]
  readonly emails: readonly string[]
  readonly address: string
  readonly location: { readonly lon: number; readonly lat: number } | null
  readonly available247: boolean
  readonly revalidateBy: string
}

function contactProblems(c: ContactInput): string[] {
  const p: string[] = []
  if (c.name.trim().length < 2 || c.name.length > 200) p.push('name: must be 2 to 200 characters')
  for (const phone of c.phones)
    if (!/^\+?[0-9 ()./-]{6,24}$/.test(phone.number))
      p.push(`phones: '${phone.number}' is not a telephone number`)
  for (const email of c.emails)
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) p.push(`emails: '${email}' is not an e-mail address`)
  if (!parseLocalDate(c.revalidateBy)) p.push(`revalidateBy: '${c.revalidateBy}' is not a date (YYYY-MM-DD)`)
  if (c.kind === 'point-of-contact' && c.phones.length === 0)
    p.push('phones: a point of contact needs at least one number')
  return p
}

/** Adds or updates a directory record; the owning organisation keeps it and revalidates it by a date. */
export async function saveContact(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly contactId?: string | undefined
    readonly contact: ContactInput
    readonly source: string | null
  },
): Promise<string> {
  return runAction(
    deps,
    {
      action: command.contactId ? 'contact.update' : 'contact.add',
      actor: callerActor(command.caller),
      source: command.source,
    },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.manage')
      ctx.target(command.contactId ?? command.contact.name, caller.orgId)
      const problems = contactProblems(command.contact)
      if (problems.length > 0) return refuse('validation_failed', problems.join('; '), { problems })
      const c = command.contact
      const values = {
        owner_org_id: caller.orgId,
        kind: c.kind,
        name: c.name.trim(),
        role: c.role.trim(),
        organisation_name: c.organisationName.trim(),
        region: c.region.trim(),
        phones: JSON.stringify(c.phones),
        emails: [...c.emails],
        address: c.address.trim(),
        lon: c.location?.lon ?? null,
        lat: c.location?.lat ?? null,
        available_24_7: c.available247,
        revalidate_by: c.revalidateBy,
        updated_at: ctx.at,
      }
      if (command.contactId) {
        const row = await ctx.tx
          .selectFrom('contacts')
          .select('owner_org_id')
          .where('id', '=', command.contactId)
          .executeTakeFirst()
        if (!row) return refuse('not_found', `no contact ${command.contactId}`)
        unwrap(mayChangeRecord(row.owner_org_id, caller.orgId), 'another organisation keeps this record')
        await ctx.tx.updateTable('contacts').set(values).where('id', '=', command.contactId).execute()
        return command.contactId
      }
      const id = ctx.newId()
      await ctx.tx
        .insertInto('contacts')
        .values({ id, ...values })
        .execute()
      ctx.target(id, caller.orgId)
      return id
    },
  )
}

export interface PlanInput {
  readonly title: string
  readonly scope: string
  readonly area: string
  readonly version: string
  readonly validUntil: string | null
  /** Where the document is: a file reference in the organisation's document system. */
  readonly document: string
}

/** Adds or updates a plan of the library (its metadata and where its document is). */
export async function savePlan(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly planId?: string | undefined
    readonly plan: PlanInput
    readonly source: string | null
  },
): Promise<string> {
  return runAction(
    deps,
    {
      action: command.planId ? 'plan.update' : 'plan.add',
      actor: callerActor(command.caller),
      source: command.source,
    },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.manage')
      const p = command.plan
      const problems: string[] = []
      if (p.title.trim().length < 3 || p.title.length > 200)
        problems.push('title: must be 3 to 200 characters')
      if (p.validUntil !== null && !parseLocalDate(p.validUntil))
        problems.push(`validUntil: '${p.validUntil}' is not a date (YYYY-MM-DD)`)
      if (problems.length > 0) return refuse('validation_failed', problems.join('; '), { problems })
      const values = {
        owner_org_id: caller.orgId,
        title: p.title.trim(),
        scope: p.scope.trim(),
        area: p.area.trim(),
        version: p.version.trim(),
        valid_until: p.validUntil,
        document: p.document.trim(),
        updated_at: ctx.at,
      }
      if (command.planId) {
        const row = await ctx.tx
          .selectFrom('plans')
          .select('owner_org_id')
          .where('id', '=', command.planId)
          .executeTakeFirst()
        if (!row) return refuse('not_found', `no plan ${command.planId}`)
        unwrap(mayChangeRecord(row.owner_org_id, caller.orgId), 'another organisation keeps this plan')
        await ctx.tx.updateTable('plans').set(values).where('id', '=', command.planId).execute()
        ctx.target(command.planId, caller.orgId)
        ctx.emit({ kind: 'plan.saved', planId: command.planId }, command.planId, caller.orgId)
        return command.planId
      }
      const id = ctx.newId()
      await ctx.tx
        .insertInto('plans')
        .values({ id, ...values })
        .execute()
      ctx.target(id, caller.orgId)
      ctx.emit({ kind: 'plan.saved', planId: id }, id, caller.orgId)
      return id
    },
  )
}

/** Records that a case activated a plan. */
export async function activatePlan(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly caseId: string
    readonly planId: string
    readonly source: string | null
  },
): Promise<void> {
  await runAction(
    deps,
    { action: 'plan.activate', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      ctx.target(command.caseId, caller.orgId)
      const c = await findCase(ctx.tx, command.caseId)
      if (!c) return refuse('not_found', `no case ${command.caseId}`)
      requirePermission(caller, 'cases.manage', c.ownerOrgId, 'not_owner')
      requireCaseWrite(caller, c, { ownerOnly: true })
      const plan = await ctx.tx
        .selectFrom('plans')
        .select('id')
        .where('id', '=', command.planId)
        .executeTakeFirst()
      if (!plan) return refuse('not_found', `no plan ${command.planId}`)
      const existing = await ctx.tx
        .selectFrom('case_plans')
        .select('plan_id')
        .where('case_id', '=', c.id)
        .where('plan_id', '=', plan.id)
        .executeTakeFirst()
      unwrap(mayActivatePlan(existing !== undefined), 'this plan is already activated for this case')
      await ctx.tx
        .insertInto('case_plans')
        .values({ case_id: c.id, plan_id: plan.id, activated_at: ctx.at, activated_by: caller.userId })
        .execute()
      ctx.target(c.id, caller.orgId, { planId: plan.id })
      ctx.emit({ kind: 'case.updated', case: c, changed: ['plans'] }, c.id, c.ownerOrgId, caseAudience(c))
    },
  )
}
