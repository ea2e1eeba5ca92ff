import type { Caller, HandoverSignOffRefusal, Rotation, RosterOverride, Shift } from '@liaison/core'
import {
  authorizeCaller,
  callerActor,
  isOverdue,
  parseLocalDate,
  parseLocalTime,
  rotationProblems,
  handoverStart,
  shiftHandedOver,
  shiftsBetween,
  maySignOffHandover,
} from '@liaison/core'
import type { HandoverReportBody } from '@liaison/wire'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { listVisibleCases } from '../store/cases/caseRows.ts'
import { toTask } from '../store/cases/taskRows.ts'
import { notificationsCaughtUp, notificationsFor } from '../notifications/notificationsFor.ts'
import { findUserRow } from '../store/identity/userRows.ts'
import {
  decisionsRecordedBetween,
  entriesRecordedBetween,
  insertHandover,
  lastHandoverEnd,
  lockHandoverRow,
  markHandoverSignedOff,
  pendingTasksOf,
} from '../store/duty/handoverRows.ts'
import {
  activeMembersOf,
  rosterOverridesOf,
  rotationDefinition,
  saveRosterOverride,
  saveRotation,
} from '../store/duty/rosterRows.ts'
import type { Database } from '../store/schema.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson } from './requirePerson.ts'
import { refuse, refuseBecause, runAction, unwrap } from './runAction.ts'

export interface RotationInput {
  readonly timeZone: string
  readonly startDate: string
  readonly shiftStarts: readonly string[]
  readonly members: readonly string[]
}

export function toRotation(input: RotationInput): { rotation: Rotation | null; problems: string[] } {
  const startDate = parseLocalDate(input.startDate)
  const starts = input.shiftStarts.map(parseLocalTime)
  const problems: string[] = []
  if (!startDate) problems.push(`startDate: '${input.startDate}' is not a date (YYYY-MM-DD)`)
  starts.forEach(
    (t, i) => t === null && problems.push(`shiftStarts: '${input.shiftStarts[i]}' is not a time (HH:MM)`),
  )
  if (problems.length > 0 || !startDate) return { rotation: null, problems }
  const rotation: Rotation = {
    timeZone: input.timeZone,
    startDate,
    shiftStarts: starts.filter((t) => t !== null),
    members: [...input.members],
  }
  return { rotation, problems: rotationProblems(rotation) }
}

/** Sets the organisation's rotation of duty officers (members must belong to it). */
export async function setRotation(
  deps: ActionDeps,
  command: { readonly caller: Caller; readonly rotation: RotationInput; readonly source: string | null },
): Promise<Rotation> {
  return runAction(
    deps,
    { action: 'roster.set', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      // the roster is set by those who run the desk, or by the organisation's administrator
      if (!authorizeCaller(caller, 'cases.manage').ok) requirePermission(caller, 'users.manage')
      ctx.target(caller.orgId, caller.orgId)
      const { rotation, problems } = toRotation(command.rotation)
      if (command.rotation.members.length > 0) {
        const known = await activeMembersOf(ctx.tx, caller.orgId, command.rotation.members)
        for (const id of command.rotation.members)
          if (!known.has(id)) problems.push(`members: ${id} is not a user of your organisation`)
      }
      if (!rotation || problems.length > 0)
        return refuse('validation_failed', problems.join('; '), { problems })
      const definition = JSON.stringify({ ...command.rotation })
      await saveRotation(ctx.tx, { orgId: caller.orgId, definition, at: ctx.at, by: caller.userId })
      ctx.emit({
        body: { kind: 'roster.changed', orgId: caller.orgId },
        subject: caller.orgId,
        orgId: caller.orgId,
        distribution: { kind: 'organisation' },
      })
      return rotation
    },
  )
}

export async function loadRotation(db: Kysely<Database>, orgId: string): Promise<Rotation | null> {
  const definition = await rotationDefinition(db, orgId)
  return definition === undefined ? null : toRotation(definition as RotationInput).rotation
}

export async function loadOverrides(db: Kysely<Database>, orgId: string): Promise<RosterOverride[]> {
  return rosterOverridesOf(db, orgId)
}

/** Puts someone else on one shift (an override; a swap is two). The shift must be one of the rotation's. */
export async function overrideShift(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly shiftStart: Date
    readonly userId: string
    readonly reason: string
    readonly source: string | null
  },
): Promise<Shift> {
  return runAction(
    deps,
    { action: 'roster.override', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.manage')
      ctx.target(command.shiftStart.toISOString(), caller.orgId)
      const rotation = await loadRotation(ctx.tx, caller.orgId)
      if (!rotation) return refuseBecause('no_rotation', 'set up the rotation first')
      const day = new Intl.DateTimeFormat('en-CA', {
        timeZone: rotation.timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(command.shiftStart)
      const date = parseLocalDate(day)!
      const shift = shiftsBetween(rotation, date, date).find(
        (s) => s.start.getTime() === command.shiftStart.getTime(),
      )
      if (!shift)
        return refuse(
          'validation_failed',
          `shiftStart: no shift of the rotation starts at ${command.shiftStart.toISOString()}`,
        )
      const user = await findUserRow(ctx.tx, { id: command.userId })
      if (!user || user.org_id !== caller.orgId)
        return refuse('validation_failed', 'userId: not a user of your organisation')
      if (command.reason.trim().length < 2)
        return refuse('validation_failed', 'reason: say why (a swap, sickness, training…)')
      await saveRosterOverride(ctx.tx, {
        orgId: caller.orgId,
        shiftStart: command.shiftStart,
        userId: command.userId,
        reason: command.reason.trim(),
        at: ctx.at,
        by: caller.userId,
      })
      ctx.emit({
        body: { kind: 'roster.changed', orgId: caller.orgId },
        subject: caller.orgId,
        orgId: caller.orgId,
        distribution: { kind: 'organisation' },
      })
      return {
        ...shift,
        userId: command.userId,
        replaces: command.userId === shift.userId ? null : shift.userId,
      }
    },
  )
}

/** What the incoming officer must know, as stored with the handover and answered (`@liaison/wire`). */
export type HandoverReport = Static<typeof HandoverReportBody>

/** What the incoming officer must know: open cases, the log since the last handover, tasks, coming events, decisions and what the outgoing officer left unread. */
export async function buildHandoverReport(
  db: Kysely<Database>,
  orgId: string,
  from: Date,
  to: Date,
  outgoingUserId?: string,
  shift: Shift | null = null,
): Promise<HandoverReport> {
  // every case not closed, however many: the report never drops one
  const open = await listVisibleCases(db, orgId, { notClosed: true, limit: null })
  const openIds = open.map((c) => c.id)
  const entries = await entriesRecordedBetween(db, orgId, from, to)
  // a closed case's tasks are no longer the desk's to follow
  const tasks = (await pendingTasksOf(db, openIds)).map(toTask)
  const decisions = await decisionsRecordedBetween(db, orgId, from, to)
  const soon = to.getTime() + 48 * 3_600_000
  return {
    openCases: open.map((c) => ({
      id: c.id,
      title: c.title,
      kind: c.kind,
      status: c.status,
      state: c.state,
      severity: c.severity,
    })),
    newEntries: {
      count: entries.length,
      latest: entries
        .slice(0, 20)
        .map((e) => ({ id: e.id, caseId: e.case_id, occurredAt: e.occurred_at.toISOString(), text: e.text })),
    },
    pendingTasks: tasks.map((t) => ({
      id: t.id,
      caseId: t.caseId,
      title: t.title,
      state: t.state,
      dueAt: t.dueAt?.toISOString() ?? null,
      overdue: isOverdue(t, to),
    })),
    upcomingEvents: open
      .filter(
        (c) =>
          c.kind === 'planned-event' && c.startsAt.getTime() > to.getTime() && c.startsAt.getTime() <= soon,
      )
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((c) => ({ id: c.id, title: c.title, status: c.status, startsAt: c.startsAt.toISOString() })),
    decisions: decisions.map((d) => ({
      id: d.id,
      caseId: d.case_id,
      text: d.text,
      decidedAt: d.decided_at.toISOString(),
    })),
    unreadItems: outgoingUserId
      ? (await notificationsFor(db, { id: outgoingUserId, orgId }))
          .filter((n) => n.unread)
          .map((n) => ({
            seq: n.seq,
            kind: n.kind,
            caseId: n.caseId,
            title: n.title,
            at: n.at.toISOString(),
          }))
      : [],
    shift: shift
      ? { start: shift.start.toISOString(), end: shift.end.toISOString(), userId: shift.userId }
      : null,
  }
}

/** The outgoing officer prepares the handover: a report of the shift (or since the previous one), with notes. */
export async function prepareHandover(
  deps: ActionDeps,
  command: { readonly caller: Caller; readonly notes: string; readonly source: string | null },
) {
  // the report lists the unread notifications: those of the events committed so far (outside
  // the transaction, which on PGlite would hold up the processor)
  await notificationsCaughtUp(deps.store.db)
  return runAction(
    deps,
    { action: 'handover.prepare', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.manage')
      if (command.notes.length > 10_000)
        return refuse('validation_failed', 'notes: at most 10,000 characters')
      const previousEnd = await lastHandoverEnd(ctx.tx, caller.orgId)
      const rotation = await loadRotation(ctx.tx, caller.orgId)
      const shift = rotation
        ? shiftHandedOver(rotation, await loadOverrides(ctx.tx, caller.orgId), ctx.at)
        : null
      const from = handoverStart(ctx.at, shift, previousEnd)
      const report = await buildHandoverReport(ctx.tx, caller.orgId, from, ctx.at, caller.userId, shift)
      const id = ctx.newId()
      await insertHandover(ctx.tx, {
        id,
        org_id: caller.orgId,
        period_from: from,
        period_to: ctx.at,
        outgoing_user_id: caller.userId,
        report: JSON.stringify(report),
        notes: command.notes.trim(),
        created_at: ctx.at,
        signed_off_by: null,
        signed_off_at: null,
      })
      ctx.target(id, caller.orgId, {
        openCases: report.openCases.length,
        newEntries: report.newEntries.count,
      })
      ctx.emit({
        body: { kind: 'handover.prepared', handoverId: id, outgoingUserId: caller.userId },
        subject: id,
        orgId: caller.orgId,
        distribution: { kind: 'organisation' },
      })
      return {
        id,
        orgId: caller.orgId,
        periodFrom: from,
        periodTo: ctx.at,
        outgoingUserId: caller.userId,
        report,
        notes: command.notes.trim(),
        createdAt: ctx.at,
        signedOffBy: null as string | null,
        signedOffAt: null as Date | null,
      }
    },
  )
}

/** What the node says, in English, for each refusal of a sign-off. */
const handoverRefusals: Record<HandoverSignOffRefusal, string> = {
  not_keeper: 'this handover belongs to another organisation',
  already_signed_off: 'this handover was already signed off',
  outgoing_signs_off: 'the incoming officer signs the handover off, not the outgoing one',
  not_incoming_officer: 'only the officer on duty now or on the next shift signs the handover off',
}

/** The incoming officer, not the outgoing one, signs the handover off; once. */
export async function signOffHandover(
  deps: ActionDeps,
  command: { readonly caller: Caller; readonly handoverId: string; readonly source: string | null },
) {
  return runAction(
    deps,
    { action: 'handover.sign-off', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'cases.manage')
      ctx.target(command.handoverId, caller.orgId)
      const row = await lockHandoverRow(ctx.tx, command.handoverId)
      if (!row) return refuse('not_found', `no handover ${command.handoverId}`)
      // with a rotation, the incoming officer is the one on duty now or on the next shift
      const rotation = row.org_id === caller.orgId ? await loadRotation(ctx.tx, caller.orgId) : null
      const overrides = rotation ? await loadOverrides(ctx.tx, caller.orgId) : []
      unwrap(
        maySignOffHandover(
          { orgId: row.org_id, outgoingUserId: row.outgoing_user_id, signedOffAt: row.signed_off_at },
          { orgId: caller.orgId, userId: caller.userId },
          { rotation, overrides, at: ctx.at },
        ),
        (reason) => handoverRefusals[reason],
      )
      await markHandoverSignedOff(ctx.tx, row.id, caller.userId, ctx.at)
      ctx.emit({
        body: { kind: 'handover.signed-off', handoverId: row.id, signedOffBy: caller.userId },
        subject: row.id,
        orgId: caller.orgId,
        distribution: { kind: 'organisation' },
      })
      return { id: row.id, signedOffBy: caller.userId, signedOffAt: ctx.at }
    },
  )
}
