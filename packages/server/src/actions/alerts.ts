import type {
  Alert,
  AlertActor,
  AlertChannel,
  AlertEventKind,
  AlertLifecycle,
  AlertStep,
  AlertTemplateContent,
  AlertTemplateUse,
  Caller,
  CapAlert,
  EventStatus,
  IssueException,
  LanguageOverride,
} from '@liaison/core'
import {
  applyAlertStep,
  authorizeCaller,
  callerActor,
  capAlertExpiresAt,
  capDateOf,
  fillAlertTemplate,
  issueExceptionFor,
  LiaisonError,
  prepareCorrection,
  refusalError,
  templateIntact,
  templatePreApprovedAt,
  validateCapAlert,
} from '@liaison/core'
import { validateCapXsd, writeCap } from '@liaison/formats'
import {
  alertJson,
  dueAlertIds,
  expiredAlertIds,
  findAlertRow,
  insertAlert,
  insertAlertVersion,
  lockAlertRow,
  toAlert,
  updateAlertRow,
  type AlertRow,
} from '../store/alerts/alertRows.ts'
import {
  findAlertTemplateRow,
  shareAlertTemplateRow,
  toAlertTemplate,
} from '../store/alerts/alertTemplateRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import type { ActionContext } from './runAction.ts'
import { refuse, refuseBecause, runAction, unwrap } from './runAction.ts'
import { proposeAcrossBorders } from './proposeAcrossBorders.ts'
import { requirePermission } from './requirePermission.ts'
import { requirePerson, type PersonCaller } from './requirePerson.ts'

/**
 * What an author writes; the node sets identifier, sent, msgType and references. A template
 * holds the same content (with placeholders); an alert also says which template it came from.
 */
export interface AlertContent extends AlertTemplateContent {
  /** The template it was made from: its id, the version used and the values of its placeholders. */
  readonly template?: AlertTemplateUse | undefined
  /** The language warnings the author overrides, and why (shown to the approver and in the history). */
  readonly languageOverride?: LanguageOverride | undefined
}

const stepMessages = {
  alert_invalid_transition: 'the alert cannot take that step from its state',
  alert_not_submitted: 'the alert is not submitted for approval',
  alert_stale_version: 'the alert changed meanwhile; read it again',
  alert_same_person:
    'a second person approves an alert: not its author nor anyone who edited or submitted it',
  alert_not_permitted: 'this step of an alert needs another permission',
  alert_no_exception:
    'only a Cancel, a narrowing correction or a pre-approved template is issued by one person',
  alert_status_not_chosen: 'an alert is issued as Actual, Exercise or Test',
  alert_reason_missing: 'say why the alert is sent back',
  alert_not_due: 'the alert is scheduled for later',
} as const

/** The CAP status as the event envelope's status. */
function eventStatusOf(status: CapAlert['status']): EventStatus {
  return status === 'Actual' ? 'actual' : status === 'Exercise' ? 'exercise' : 'test'
}

function actorOf(caller: PersonCaller, orgId: string): AlertActor {
  return {
    userId: caller.userId,
    mayDraft: authorizeCaller(caller, 'alerts.draft', orgId).ok,
    mayApprove: authorizeCaller(caller, 'alerts.approve', orgId).ok,
  }
}

function lifecycleOf(row: AlertRow): AlertLifecycle {
  return {
    state: row.state,
    version: row.version,
    status: row.status,
    msgType: row.msg_type,
    authorId: row.author_id,
    editorIds: row.editor_ids,
    submittedBy: row.submitted_by,
    submittedVersion: row.submitted_version,
    approvedBy: row.approved_by,
    issuedAlone: row.issued_alone,
    issueAt: row.issue_at,
    returnedReason: row.returned_reason,
    exception: row.exception,
  }
}

function capOf(
  content: AlertContent,
  fixed: Pick<CapAlert, 'identifier' | 'sent' | 'msgType' | 'references'>,
): CapAlert {
  const cap: CapAlert = {
    identifier: fixed.identifier,
    sender: content.sender,
    sent: fixed.sent,
    status: content.status,
    msgType: fixed.msgType,
    scope: content.scope,
    code: content.code ?? [],
    info: content.info,
    ...(content.source === undefined ? {} : { source: content.source }),
    ...(content.restriction === undefined ? {} : { restriction: content.restriction }),
    ...(content.addresses === undefined ? {} : { addresses: content.addresses }),
    ...(content.note === undefined ? {} : { note: content.note }),
    ...(fixed.references === undefined ? {} : { references: fixed.references }),
    ...(content.incidents === undefined ? {} : { incidents: content.incidents }),
  }
  return cap
}

/**
 * The exception the content qualifies for, looking up the alert it replaces and the template it
 * was made from: pre-approved at the version used, and the alert that template filled in with the
 * values given and nothing else (`templateIntact`).
 */
async function exceptionOf(
  ctx: ActionContext,
  cap: CapAlert,
  made: {
    readonly orgId: string
    readonly replacesId: string | null
    readonly channels: readonly AlertChannel[]
    readonly template: AlertTemplateUse | null
  },
): Promise<IssueException | null> {
  const replaced = made.replacesId === null ? undefined : await findAlertRow(ctx.tx, made.replacesId)
  const use = made.template
  // locked: a retirement or a change waits for this transaction, or this one sees it
  const row = use === null ? undefined : await shareAlertTemplateRow(ctx.tx, use.templateId)
  let template: { preApproved: boolean; intact: boolean } | null = null
  if (use !== null && row !== undefined && row.org_id === made.orgId) {
    const t = toAlertTemplate(row)
    const filled = t.version === use.version ? fillAlertTemplate(t.content, use.values) : null
    template = {
      preApproved: templatePreApprovedAt(t, use.version),
      intact: filled !== null && filled.ok && templateIntact({ cap, channels: made.channels }, filled.value),
    }
  }
  return issueExceptionFor(cap, { replaced: replaced?.cap ?? null, template })
}

/**
 * The template an author says the alert is made from: one of the organisation's, not retired; at
 * its current version, the values must fill its placeholders (refused with the names otherwise).
 * An older version is kept as said, and simply never qualifies as the template left intact.
 */
async function requireTemplateUse(
  ctx: ActionContext,
  orgId: string,
  use: AlertTemplateUse | undefined,
): Promise<AlertTemplateUse | null> {
  if (use === undefined) return null
  const row = await findAlertTemplateRow(ctx.tx, use.templateId)
  if (!row || row.org_id !== orgId) return refuse('not_found', `no alert template ${use.templateId}`)
  if (row.retired_at !== null && row.version === use.version) return refuseBecause('alert_template_retired')
  if (row.version === use.version) {
    const filled = fillAlertTemplate(row.content, use.values)
    if (!filled.ok)
      return refuseBecause(
        'alert_template_values_invalid',
        filled.error.map((p) => `template.values.${p.name}: ${p.reason}`).join('; '),
        filled.error.map((p) => ({ path: `template.values.${p.name}`, reason: p.reason })),
      )
  }
  return { templateId: use.templateId, version: use.version, values: { ...use.values } }
}

/** The override of the language warnings, trimmed: null without a reason or languages. */
function overrideOf(content: AlertContent): LanguageOverride | null {
  const o = content.languageOverride
  if (!o || o.reason.trim() === '' || o.languages.length === 0) return null
  return { languages: [...new Set(o.languages)], reason: o.reason.trim() }
}

/** The template columns of an alert's row. */
function templateColumns(use: AlertTemplateUse | null) {
  return {
    template_id: use?.templateId ?? null,
    template_version: use?.version ?? null,
    template_values: use === null ? null : JSON.stringify(use.values),
  }
}

/** The CAP rules (section 3), refused as `alert_cap_invalid` with every problem's path. */
function requireValidCap(cap: CapAlert): void {
  const problems = validateCapAlert(cap)
  if (problems.length > 0)
    throw refusalError(
      'alert_cap_invalid',
      problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      problems.map((p) => ({ path: p.path, message: p.message, reason: p.reason })),
    )
}

/** The CAP XML of an alert about to go out: written strictly, and checked by the XSD and the rules again. */
function issuedXmlOf(cap: CapAlert): string {
  const written = writeCap(cap)
  if (!written.ok)
    throw refusalError(
      'alert_cap_invalid',
      written.error.map((p) => `${p.path}: ${p.message}`).join('; '),
      written.error.map((p) => ({ path: p.path, message: p.message, reason: p.reason })),
    )
  const xsd = validateCapXsd(written.value)
  if (xsd.length > 0)
    throw refusalError(
      'alert_cap_invalid',
      xsd.map((p) => `${p.path}: ${p.message}`).join('; '),
      xsd.map((p) => ({ path: p.path, message: p.message, reason: 'xsd_invalid' })),
    )
  requireValidCap(cap)
  return written.value
}

function emitAlert(ctx: ActionContext, kind: AlertEventKind, alert: Alert): void {
  ctx.emit({
    body: { kind, alert },
    subject: alert.id,
    orgId: alert.orgId,
    distribution: { kind: 'organisation' },
    status: eventStatusOf(alert.cap.status),
  })
}

async function alertRowFor(ctx: ActionContext, caller: PersonCaller, id: string): Promise<AlertRow> {
  ctx.target(id, caller.orgId)
  const row = await lockAlertRow(ctx.tx, id)
  if (!row) return refuse('not_found', `no alert ${id}`)
  if (row.org_id !== caller.orgId)
    throw new LiaisonError('other_organisation', 'this alert belongs to another organisation', undefined, {
      reason: 'not_keeper',
    })
  return row
}

function step(lifecycle: AlertLifecycle, s: AlertStep, by: AlertActor | null): AlertLifecycle {
  return unwrap(applyAlertStep(lifecycle, s, by), (reason) => stepMessages[reason])
}

/**
 * Issues an alert that has just become `issued`: sets its sent time, writes its CAP XML (refused
 * with the problems if it is not valid), and moves the alert it replaces to `updated` or `cancelled`.
 */
async function issue(
  deps: ActionDeps,
  ctx: ActionContext,
  row: AlertRow,
  next: AlertLifecycle,
  change: { readonly approved_at?: Date },
  approvedNow = false,
): Promise<Alert> {
  const cap: CapAlert = { ...row.cap, sent: capDateOf(ctx.at) }
  const xml = issuedXmlOf(cap)
  const issuedRow: AlertRow = {
    ...row,
    ...change,
    ...rowOf(next),
    cap,
    issued_xml: xml,
    issued_at: ctx.at,
    updated_at: ctx.at,
    expires_at: capAlertExpiresAt(cap),
  }
  await updateAlertRow(ctx.tx, row.id, {
    ...rowOf(next),
    ...change,
    cap: JSON.stringify(cap),
    issued_xml: xml,
    issued_at: ctx.at,
    updated_at: ctx.at,
    editor_ids: JSON.stringify(next.editorIds),
    expires_at: capAlertExpiresAt(cap),
  })
  const alert = toAlert(issuedRow)
  if (approvedNow) emitAlert(ctx, 'alert.approved', alert)
  emitAlert(ctx, 'alert.issued', alert)
  // to the neighbours its area reaches or comes near, unless proposed to them when it was submitted
  await proposeAcrossBorders(deps, ctx, alert, 'issued')
  if (row.replaces_id !== null) {
    const replaced = await lockAlertRow(ctx.tx, row.replaces_id)
    // a correction of what is no longer out (updated, cancelled or expired meanwhile) is refused
    if (!replaced || replaced.state !== 'issued')
      throw refusalError(
        'alert_not_issued',
        `the alert this ${row.msg_type} replaces is ${replaced?.state ?? 'gone'}; correct the one in force`,
      )
    const kind = row.msg_type === 'Cancel' ? 'cancel' : 'supersede'
    const after = step(lifecycleOf(replaced), { kind }, null)
    await updateAlertRow(ctx.tx, replaced.id, { state: after.state, updated_at: ctx.at })
    emitAlert(
      ctx,
      kind === 'cancel' ? 'alert.cancelled' : 'alert.updated',
      toAlert({ ...replaced, state: after.state, updated_at: ctx.at }),
    )
  }
  return alert
}

/** The lifecycle's columns. */
function rowOf(l: AlertLifecycle) {
  return {
    state: l.state,
    version: l.version,
    submitted_by: l.submittedBy,
    submitted_version: l.submittedVersion,
    approved_by: l.approvedBy,
    issued_alone: l.issuedAlone,
    issue_at: l.issueAt,
    returned_reason: l.returnedReason,
    exception: l.exception,
  }
}

/** Drafts a new alert; its author needs alerts.draft (or alerts.approve) and chooses its status. */
export async function createAlert(
  deps: ActionDeps,
  command: { readonly caller: Caller; readonly content: AlertContent; readonly source: string | null },
): Promise<Alert> {
  return runAction(
    deps,
    { action: 'alert.draft', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'alerts.draft', caller.orgId)
      const id = ctx.newId()
      ctx.target(id, caller.orgId)
      const cap = capOf(command.content, {
        identifier: id,
        sent: capDateOf(ctx.at),
        msgType: 'Alert',
        references: undefined,
      })
      const template = await requireTemplateUse(ctx, caller.orgId, command.content.template)
      return saveNew(
        ctx,
        caller,
        {
          id,
          cap,
          channels: command.content.channels,
          template,
          languageOverride: overrideOf(command.content),
        },
        null,
        'alert.drafted',
      )
    },
  )
}

/** Saves a new draft alert of the caller's organisation (version 1) and emits its event. */
export async function saveNew(
  ctx: ActionContext,
  caller: PersonCaller,
  made: {
    readonly id: string
    readonly cap: CapAlert
    readonly channels: readonly AlertChannel[]
    readonly template: AlertTemplateUse | null
    readonly languageOverride?: LanguageOverride | null
  },
  replacesId: string | null,
  kind: AlertEventKind,
): Promise<Alert> {
  const { id, cap, channels, template } = made
  const languageOverride = made.languageOverride ?? null
  const exception = await exceptionOf(ctx, cap, { orgId: caller.orgId, replacesId, channels, template })
  const row: AlertRow = {
    id,
    org_id: caller.orgId,
    state: 'draft',
    version: 1,
    status: cap.status,
    msg_type: cap.msgType,
    identifier: cap.identifier,
    cap,
    channels: [...channels],
    author_id: caller.userId,
    editor_ids: [caller.userId],
    exception,
    submitted_by: null,
    submitted_at: null,
    submitted_version: null,
    approved_by: null,
    approved_at: null,
    issued_alone: null,
    issue_at: null,
    issued_at: null,
    issued_xml: null,
    returned_reason: null,
    replaces_id: replacesId,
    created_at: ctx.at,
    updated_at: ctx.at,
    template_id: template?.templateId ?? null,
    template_version: template?.version ?? null,
    template_values: template?.values ?? null,
    language_override:
      languageOverride === null ? null : { ...languageOverride, languages: [...languageOverride.languages] },
    expires_at: capAlertExpiresAt(cap),
  }
  await insertAlert(ctx.tx, {
    ...row,
    ...alertJson(toAlert(row)),
    ...templateColumns(template),
    language_override: languageOverride === null ? null : JSON.stringify(languageOverride),
  })
  await insertAlertVersion(ctx.tx, {
    alert_id: id,
    version: 1,
    cap: JSON.stringify(cap),
    channels: JSON.stringify(channels),
    saved_at: ctx.at,
    saved_by: caller.userId,
  })
  const alert = toAlert(row)
  ctx.target(id, caller.orgId, {
    version: 1,
    status: cap.status,
    msgType: cap.msgType,
    replacesId,
    ...(template === null ? {} : { templateId: template.templateId, templateVersion: template.version }),
    ...(languageOverride === null ? {} : { languageOverride }),
  })
  emitAlert(ctx, kind, alert)
  return alert
}

/** Edits a draft or a returned alert at the version read; each edit is a new version, and its editor can no longer approve it. */
export async function editAlert(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly alertId: string
    readonly version: number
    readonly content: AlertContent
    readonly source: string | null
  },
): Promise<Alert> {
  return runAction(
    deps,
    { action: 'alert.edit', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      const row = await alertRowFor(ctx, caller, command.alertId)
      const cap = capOf(command.content, {
        identifier: row.identifier,
        sent: capDateOf(ctx.at),
        msgType: row.msg_type,
        references: row.cap.references,
      })
      const template = await requireTemplateUse(ctx, row.org_id, command.content.template)
      const languageOverride = overrideOf(command.content)
      const exception = await exceptionOf(ctx, cap, {
        orgId: row.org_id,
        replacesId: row.replaces_id,
        channels: command.content.channels,
        template,
      })
      const next = step(
        { ...lifecycleOf(row), status: cap.status },
        { kind: 'edit', version: command.version, exception },
        actorOf(caller, row.org_id),
      )
      await updateAlertRow(ctx.tx, row.id, {
        ...rowOf(next),
        status: cap.status,
        ...alertJson({ cap, channels: command.content.channels, editorIds: next.editorIds }),
        ...templateColumns(template),
        language_override: languageOverride === null ? null : JSON.stringify(languageOverride),
        expires_at: capAlertExpiresAt(cap),
        updated_at: ctx.at,
      })
      await insertAlertVersion(ctx.tx, {
        alert_id: row.id,
        version: next.version,
        cap: JSON.stringify(cap),
        channels: JSON.stringify(command.content.channels),
        saved_at: ctx.at,
        saved_by: caller.userId,
      })
      const alert = toAlert({
        ...row,
        ...rowOf(next),
        status: cap.status,
        cap,
        channels: [...command.content.channels],
        editor_ids: [...next.editorIds],
        template_id: template?.templateId ?? null,
        template_version: template?.version ?? null,
        template_values: template?.values ?? null,
        language_override:
          languageOverride === null
            ? null
            : { ...languageOverride, languages: [...languageOverride.languages] },
        updated_at: ctx.at,
      })
      ctx.target(row.id, row.org_id, {
        version: next.version,
        status: cap.status,
        ...(languageOverride === null ? {} : { languageOverride }),
      })
      emitAlert(ctx, 'alert.edited', alert)
      return alert
    },
  )
}

/** Hands the version read to a second person; the CAP rules must hold first. */
export async function submitAlert(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly alertId: string
    readonly version: number
    readonly source: string | null
  },
): Promise<Alert> {
  return runAction(
    deps,
    { action: 'alert.submit', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      const row = await alertRowFor(ctx, caller, command.alertId)
      const next = step(
        lifecycleOf(row),
        { kind: 'submit', version: command.version },
        actorOf(caller, row.org_id),
      )
      requireValidCap(row.cap)
      await updateAlertRow(ctx.tx, row.id, { ...rowOf(next), submitted_at: ctx.at, updated_at: ctx.at })
      const alert = toAlert({ ...row, ...rowOf(next), submitted_at: ctx.at, updated_at: ctx.at })
      ctx.target(row.id, row.org_id, {
        version: next.version,
        status: row.status,
        ...(row.language_override === null ? {} : { languageOverride: row.language_override }),
      })
      emitAlert(ctx, 'alert.submitted', alert)
      await proposeAcrossBorders(deps, ctx, alert, 'submitted')
      return alert
    },
  )
}

/** Sends a submitted alert back to its author with a reason; a scheduled one is thereby withdrawn. */
export async function returnAlert(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly alertId: string
    readonly version: number
    readonly reason: string
    readonly source: string | null
  },
): Promise<Alert> {
  return runAction(
    deps,
    { action: 'alert.return', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'alerts.approve', caller.orgId)
      const row = await alertRowFor(ctx, caller, command.alertId)
      const next = step(
        lifecycleOf(row),
        { kind: 'return', version: command.version, reason: command.reason },
        actorOf(caller, row.org_id),
      )
      const cleared = { submitted_at: null, approved_at: null, updated_at: ctx.at }
      await updateAlertRow(ctx.tx, row.id, { ...rowOf(next), ...cleared })
      const alert = toAlert({ ...row, ...rowOf(next), ...cleared })
      ctx.target(row.id, row.org_id, {
        version: row.version,
        reason: next.returnedReason,
        withdrawn: row.state === 'approved',
      })
      emitAlert(ctx, 'alert.returned', alert)
      return alert
    },
  )
}

/**
 * A second person approves the submitted version: it is issued at once, or at `issueAt`. Never
 * its author, nor anyone who edited or submitted it.
 */
export async function approveAlert(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly alertId: string
    readonly version: number
    readonly issueAt: Date | null
    readonly source: string | null
  },
): Promise<Alert> {
  return runAction(
    deps,
    { action: 'alert.approve', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'alerts.approve', caller.orgId)
      const row = await alertRowFor(ctx, caller, command.alertId)
      const next = step(
        lifecycleOf(row),
        { kind: 'approve', version: command.version, issueAt: command.issueAt, now: ctx.at },
        actorOf(caller, row.org_id),
      )
      ctx.target(row.id, row.org_id, {
        version: row.version,
        status: row.status,
        issueAt: next.issueAt?.toISOString() ?? null,
      })
      const approved = { approved_at: ctx.at }
      if (next.state === 'issued') {
        // written and checked before anything is stored: a refused issue leaves the alert submitted
        return issue(deps, ctx, row, next, approved, true)
      }
      await updateAlertRow(ctx.tx, row.id, { ...rowOf(next), ...approved, updated_at: ctx.at })
      const alert = toAlert({ ...row, ...rowOf(next), ...approved, updated_at: ctx.at })
      emitAlert(ctx, 'alert.approved', alert)
      return alert
    },
  )
}

/**
 * One approver issues a draft alone, under the named exception its content qualifies for: a
 * Cancel, a correction that narrows or withdraws, or a pre-approved template. Marked as such.
 */
export async function issueAlertAlone(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly alertId: string
    readonly version: number
    readonly exception: IssueException
    readonly source: string | null
  },
): Promise<Alert> {
  return runAction(
    deps,
    { action: 'alert.issue-alone', actor: callerActor(command.caller), source: command.source },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      requirePermission(caller, 'alerts.approve', caller.orgId)
      const row = await alertRowFor(ctx, caller, command.alertId)
      // the exception is found again from the content as it is now, not trusted from the row
      const template = toAlert(row).template
      const exception = await exceptionOf(ctx, row.cap, {
        orgId: row.org_id,
        replacesId: row.replaces_id,
        channels: row.channels,
        template,
      })
      const next = step(
        { ...lifecycleOf(row), exception },
        { kind: 'issueAlone', version: command.version, exception: command.exception },
        actorOf(caller, row.org_id),
      )
      ctx.target(row.id, row.org_id, {
        version: row.version,
        status: row.status,
        issuedAlone: next.issuedAlone,
        ...(next.issuedAlone === 'template' && template !== null
          ? { templateId: template.templateId, templateVersion: template.version }
          : {}),
      })
      return issue(deps, ctx, row, next, { approved_at: ctx.at })
    },
  )
}

/**
 * From an issued alert, in one step: a draft Update (a correction) or Cancel with its text
 * prepared from the issued one and `references` filled, for the same audience.
 */
export async function startCorrection(
  deps: ActionDeps,
  command: {
    readonly caller: Caller
    readonly alertId: string
    readonly kind: 'Update' | 'Cancel'
    readonly source: string | null
  },
): Promise<Alert> {
  return runAction(
    deps,
    {
      action: command.kind === 'Cancel' ? 'alert.start-cancel' : 'alert.start-update',
      actor: callerActor(command.caller),
      source: command.source,
    },
    async (ctx) => {
      const caller = requirePerson(command.caller)
      const original = await alertRowFor(ctx, caller, command.alertId)
      const me = actorOf(caller, original.org_id)
      if (!me.mayDraft && !me.mayApprove) requirePermission(caller, 'alerts.draft', original.org_id)
      if (original.state !== 'issued')
        throw refusalError('alert_not_issued', `the alert is ${original.state}`)
      const id = ctx.newId()
      const cap = prepareCorrection(original.cap, command.kind, { identifier: id, sent: capDateOf(ctx.at) })
      return saveNew(
        ctx,
        caller,
        { id, cap, channels: original.channels, template: null },
        original.id,
        'alert.drafted',
      )
    },
  )
}

/**
 * The node's own steps, run on a timer: approved alerts whose time has come are issued, and
 * issued alerts whose every info block has expired end as `expired`. Each is an action of its
 * own, audited on the alert; a tick with nothing to do writes nothing.
 */
export async function advanceAlerts(deps: ActionDeps): Promise<{ issued: number; expired: number }> {
  const now = deps.clock.now()
  let issued = 0
  let expired = 0
  for (const id of await dueAlertIds(deps.store.db, now)) {
    const done = await runAction(
      deps,
      { action: 'alert.issue-due', actor: { kind: 'system', label: 'alert clock' }, source: 'timer' },
      async (ctx) => {
        const row = await lockAlertRow(ctx.tx, id)
        if (!row || row.state !== 'approved') return false
        ctx.target(row.id, row.org_id, { issueAt: row.issue_at?.toISOString() ?? null })
        const next = step(lifecycleOf(row), { kind: 'issueDue', now: ctx.at }, null)
        await issue(deps, ctx, row, next, {})
        return true
      },
    ).catch((error: unknown) => {
      // a scheduled alert that no longer writes as valid CAP stays approved; the refusal is audited
      deps.log.error({ err: error, alertId: id }, 'a scheduled alert could not be issued')
      return false
    })
    if (done) issued++
  }
  for (const id of await expiredAlertIds(deps.store.db, now)) {
    const done = await runAction(
      deps,
      { action: 'alert.expire', actor: { kind: 'system', label: 'alert clock' }, source: 'timer' },
      async (ctx) => {
        const row = await lockAlertRow(ctx.tx, id)
        if (!row || row.state !== 'issued') return false
        ctx.target(row.id, row.org_id)
        const next = step(lifecycleOf(row), { kind: 'expire' }, null)
        await updateAlertRow(ctx.tx, row.id, { state: next.state, updated_at: ctx.at })
        emitAlert(ctx, 'alert.expired', toAlert({ ...row, state: next.state, updated_at: ctx.at }))
        return true
      },
    )
    if (done) expired++
  }
  return { issued, expired }
}
