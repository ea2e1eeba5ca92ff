import type { Caller, ContactKind, FeatureKind, MapFeature } from '@liaison/core'
import {
  callerActor,
  featureKinds,
  mayActivatePlan,
  mayChangeMapFeature,
  mayChangeOwnWork,
  mayChangeRecord,
  parseGeometry,
  parseLocalDate,
} from '@liaison/core'
import { findCase } from '../store/cases/caseRows.ts'
import { contactKeeper, insertContact, updateContactRow } from '../store/directory/contactRows.ts'
import {
  insertMapFeature,
  lockMapFeatureRow,
  mapFeaturePlace,
  markMapFeatureRemoved,
  updateMapFeatureRow,
} from '../store/directory/mapFeatureRows.ts'
import {
  insertCasePlan,
  insertPlan,
  isPlanActive,
  planKeeper,
  updatePlanRow,
} from '../store/directory/planRows.ts'
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
        const row = await lockMapFeatureRow(ctx.tx, command.featureId, c.id)
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
        await updateMapFeatureRow(ctx.tx, row.id, {
          kind: feature.kind,
          label: feature.label,
          geometry: JSON.stringify(feature.geometry),
          version: feature.version,
          updated_at: ctx.at,
        })
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
        await insertMapFeature(ctx.tx, {
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
      }
      ctx.target(feature.id, caller.orgId, { caseId: c.id, kind: feature.kind })
      ctx.emit({
        body: { kind: 'map-feature.saved', feature },
        subject: feature.id,
        orgId: caller.orgId,
        distribution: { kind: 'case', caseId: c.id },
        status: c.status,
      })
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
      const row = await mapFeaturePlace(ctx.tx, command.featureId)
      if (!row) return refuse('not_found', `no feature ${command.featureId}`)
      unwrap(mayChangeOwnWork(row.org_id, caller.orgId), 'another organisation drew this feature')
      if (command.caseId !== undefined && row.case_id !== command.caseId)
        return refuse('not_found', `no feature ${command.featureId} on this case`)
      const c = await findCase(ctx.tx, row.case_id)
      if (!c) return refuse('not_found', `no case ${row.case_id}`)
      requireCaseWrite(caller, c)
      await markMapFeatureRemoved(ctx.tx, command.featureId, ctx.at)
      ctx.emit({
        body: { kind: 'map-feature.removed', featureId: command.featureId, caseId: row.case_id },
        subject: command.featureId,
        orgId: caller.orgId,
        distribution: { kind: 'case', caseId: c.id },
        status: c.status,
      })
    },
  )
}

export { contactKinds } from '@liaison/core'

export interface ContactInput {
  readonly kind: ContactKind
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
        const keeper = await contactKeeper(ctx.tx, command.contactId)
        if (keeper === undefined) return refuse('not_found', `no contact ${command.contactId}`)
        unwrap(mayChangeRecord(keeper, caller.orgId), 'another organisation keeps this record')
        await updateContactRow(ctx.tx, command.contactId, values)
        return command.contactId
      }
      const id = ctx.newId()
      await insertContact(ctx.tx, { id, ...values })
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
        const keeper = await planKeeper(ctx.tx, command.planId)
        if (keeper === undefined) return refuse('not_found', `no plan ${command.planId}`)
        unwrap(mayChangeRecord(keeper, caller.orgId), 'another organisation keeps this plan')
        await updatePlanRow(ctx.tx, command.planId, values)
        ctx.target(command.planId, caller.orgId)
        ctx.emit({
          body: { kind: 'plan.saved', planId: command.planId },
          subject: command.planId,
          orgId: caller.orgId,
          distribution: { kind: 'national' },
        })
        return command.planId
      }
      const id = ctx.newId()
      await insertPlan(ctx.tx, { id, ...values })
      ctx.target(id, caller.orgId)
      ctx.emit({
        body: { kind: 'plan.saved', planId: id },
        subject: id,
        orgId: caller.orgId,
        distribution: { kind: 'national' },
      })
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
      if ((await planKeeper(ctx.tx, command.planId)) === undefined)
        return refuse('not_found', `no plan ${command.planId}`)
      const plan = { id: command.planId }
      unwrap(
        mayActivatePlan(await isPlanActive(ctx.tx, c.id, plan.id)),
        'this plan is already activated for this case',
      )
      await insertCasePlan(ctx.tx, { caseId: c.id, planId: plan.id, at: ctx.at, by: caller.userId })
      ctx.target(c.id, caller.orgId, { planId: plan.id })
      ctx.emit({
        body: { kind: 'case.updated', case: c, changed: ['plans'] },
        subject: c.id,
        orgId: c.ownerOrgId,
        distribution: { kind: 'case', caseId: c.id },
        status: c.status,
      })
    },
  )
}
