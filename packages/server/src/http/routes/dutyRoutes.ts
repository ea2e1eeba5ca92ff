import { daysBetween, LiaisonError, parseLocalDate, refusalError, shiftsBetween } from '@liaison/core'
import {
  errorResponses,
  HandoverBody,
  HandoverSignOffBody,
  IdParams,
  itemsBody,
  NewHandoverBody,
  OkBody,
  RosterBody,
  RotationBody,
  ShiftBody,
  ShiftOverrideBody,
  ShiftsQuery,
} from '@liaison/wire'
import type { HandoverReport, RotationInput } from '../../actions/duty.ts'
import {
  loadOverrides,
  loadRotation,
  overrideShift,
  prepareHandover,
  setRotation,
  signOffHandover,
} from '../../actions/duty.ts'
import { recentHandovers } from '../../store/duty/handoverRows.ts'
import { rotationDefinition } from '../../store/duty/rosterRows.ts'
import { displayNameOf, userNamesOf } from '../../store/identity/userRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'

export function dutyRoutes(app: App, deps: AppDeps): void {
  const orgOf = (req: { principal: { orgId: string } | null }) => {
    if (!req.principal) throw new LiaisonError('unauthenticated', 'sign in first')
    return req.principal.orgId
  }

  app.get(
    '/api/v1/roster',
    {
      schema: {
        tags: ['duty'],
        summary: "The organisation's rotation of duty officers",
        response: { 200: RosterBody },
      },
    },
    async (req) => {
      const orgId = orgOf(req)
      const definition = await rotationDefinition(deps.store.db, orgId)
      const users = await userNamesOf(deps.store.db, orgId, { activeOnly: true })
      return {
        rotation:
          definition !== undefined
            ? (definition as RotationInput & { members: string[]; shiftStarts: string[] })
            : null,
        // who may be put on a shift: the organisation's active users, named
        people: users.map((u) => ({ id: u.id, displayName: u.display_name })),
      }
    },
  )

  app.put(
    '/api/v1/roster',
    {
      config: { auth: 'read' },
      schema: {
        tags: ['duty'],
        summary: 'Set the rotation: time zone, first day, wall-clock shift starts, members in turn',
        body: RotationBody,
        response: { 200: OkBody, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      await setRotation(deps, { caller: req.principal!, rotation: req.body, source: req.ip })
      return { ok: true }
    },
  )

  app.get(
    '/api/v1/roster/shifts',
    {
      schema: {
        tags: ['duty'],
        summary: 'The shifts from one local date to another (at most 62 days), overrides applied',
        querystring: ShiftsQuery,
        response: { 200: itemsBody(ShiftBody), ...errorResponses(400, 401, 409) },
      },
    },
    async (req) => {
      const orgId = orgOf(req)
      const from = parseLocalDate(req.query.from)
      const to = parseLocalDate(req.query.to)
      if (!from || !to) throw new LiaisonError('validation_failed', 'from and to must be dates (YYYY-MM-DD)')
      const span = daysBetween(from, to)
      if (span < 0 || span > 61)
        throw new LiaisonError('validation_failed', 'to must be on or after from, at most 62 days later')
      const rotation = await loadRotation(deps.store.db, orgId)
      if (!rotation) throw refusalError('no_rotation', 'this organisation has no rotation yet')
      const shifts = shiftsBetween(rotation, from, to, await loadOverrides(deps.store.db, orgId))
      const users = await userNamesOf(deps.store.db, orgId)
      const names = new Map(users.map((u) => [u.id, u.display_name]))
      return {
        items: shifts.map((s) => ({
          start: s.start.toISOString(),
          end: s.end.toISOString(),
          hours: (s.end.getTime() - s.start.getTime()) / 3_600_000,
          userId: s.userId,
          displayName: names.get(s.userId) ?? '?',
          replaces: s.replaces,
        })),
      }
    },
  )

  app.put(
    '/api/v1/roster/overrides',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['duty'],
        summary: 'Put someone else on one shift (a swap is two overrides)',
        body: ShiftOverrideBody,
        response: { 200: ShiftBody, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req) => {
      const shift = await overrideShift(deps, {
        caller: req.principal!,
        shiftStart: new Date(req.body.shiftStart),
        userId: req.body.userId,
        reason: req.body.reason,
        source: req.ip,
      })
      const displayName = await displayNameOf(deps.store.db, shift.userId)
      return {
        start: shift.start.toISOString(),
        end: shift.end.toISOString(),
        hours: (shift.end.getTime() - shift.start.getTime()) / 3_600_000,
        userId: shift.userId,
        displayName: displayName ?? '?',
        replaces: shift.replaces,
      }
    },
  )

  app.get(
    '/api/v1/handovers',
    {
      schema: {
        tags: ['duty'],
        summary: "The organisation's latest handovers, newest first",
        response: { 200: itemsBody(HandoverBody) },
      },
    },
    async (req) => {
      const orgId = orgOf(req)
      const rows = await recentHandovers(deps.store.db, orgId, 20)
      const users = await userNamesOf(deps.store.db, orgId)
      const names = new Map(users.map((u) => [u.id, u.display_name]))
      return {
        items: rows.map((r) => ({
          id: r.id,
          orgId: r.org_id,
          periodFrom: r.period_from.toISOString(),
          periodTo: r.period_to.toISOString(),
          outgoingUserId: r.outgoing_user_id,
          outgoingName: names.get(r.outgoing_user_id) ?? '?',
          signedOffByName: r.signed_off_by ? (names.get(r.signed_off_by) ?? '?') : null,
          // the report as the node wrote it when it prepared the handover (actions/duty.ts)
          report: r.report as HandoverReport,
          notes: r.notes,
          createdAt: r.created_at.toISOString(),
          signedOffBy: r.signed_off_by,
          signedOffAt: r.signed_off_at?.toISOString() ?? null,
        })),
      }
    },
  )

  app.post(
    '/api/v1/handovers',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['duty'],
        summary:
          'Prepare the handover: open cases, the log since the last handover, pending and overdue tasks, coming events',
        body: NewHandoverBody,
        response: { 201: HandoverBody, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const h = await prepareHandover(deps, {
        caller: req.principal!,
        notes: req.body.notes ?? '',
        source: req.ip,
      })
      return reply.status(201).send({
        ...h,
        periodFrom: h.periodFrom.toISOString(),
        periodTo: h.periodTo.toISOString(),
        createdAt: h.createdAt.toISOString(),
        signedOffAt: null,
      })
    },
  )

  app.post(
    '/api/v1/handovers/:id/sign-off',
    {
      config: { auth: 'cases.manage' },
      schema: {
        tags: ['duty'],
        summary: 'The incoming officer signs the handover off',
        params: IdParams,
        response: {
          200: HandoverSignOffBody,
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const done = await signOffHandover(deps, {
        caller: req.principal!,
        handoverId: req.params.id,
        source: req.ip,
      })
      return { ...done, signedOffAt: done.signedOffAt.toISOString() }
    },
  )
}
