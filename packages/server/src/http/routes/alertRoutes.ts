import type { Alert } from '@liaison/core'
import { LiaisonError, capChanges } from '@liaison/core'
import {
  AlertApproveBody,
  AlertBody,
  AlertContentBody,
  AlertCorrectionBody,
  AlertDetailBody,
  AlertEditBody,
  AlertIssueAloneBody,
  AlertListQuery,
  AlertReturnBody,
  AlertVersionBody,
  IdParams,
  defaultPageLimit,
  errorResponses,
  pageBody,
} from '@liaison/wire'
import type { Static } from 'typebox'
import {
  approveAlert,
  createAlert,
  editAlert,
  issueAlertAlone,
  returnAlert,
  startCorrection,
  submitAlert,
} from '../../actions/alerts.ts'
import {
  alertHistoryRows,
  alertVersionRows,
  findAlertRow,
  listAlertRows,
  replacementRows,
  toAlert,
} from '../../store/alerts/alertRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'
import { pageFrom, startOf } from '../paging.ts'

const iso = (at: Date | null) => at?.toISOString() ?? null

export function presentAlert(a: Alert): Static<typeof AlertBody> {
  return {
    ...a,
    cap: a.cap as Static<typeof AlertBody>['cap'],
    channels: [...a.channels],
    editorIds: [...a.editorIds],
    languageOverride:
      a.languageOverride === null
        ? null
        : { languages: [...a.languageOverride.languages], reason: a.languageOverride.reason },
    submittedAt: iso(a.submittedAt),
    approvedAt: iso(a.approvedAt),
    issueAt: iso(a.issueAt),
    issuedAt: iso(a.issuedAt),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  }
}

export function alertRoutes(app: App, deps: AppDeps): void {
  const tags = ['alerts']

  app.get(
    '/api/v1/alerts',
    {
      schema: {
        tags,
        summary: "The organisation's alerts, newest first, a page at a time (optionally in one state)",
        querystring: AlertListQuery,
        response: { 200: pageBody(AlertBody), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit = defaultPageLimit, state } = req.query
      const after = startOf('alerts', req.query.after)
      const rows = await listAlertRows(deps.store.db, req.principal!.orgId, { state }, { after, limit })
      const page = pageFrom('alerts', rows, limit, (r) => ({ key: r.created_at, id: r.id }))
      return { items: page.items.map((r) => presentAlert(toAlert(r))), next: page.next }
    },
  )

  app.post(
    '/api/v1/alerts',
    {
      config: { auth: 'alerts.draft' },
      schema: {
        tags,
        summary: 'Draft an alert (its status, Actual, Exercise or Test, chosen explicitly)',
        body: AlertContentBody,
        response: { 201: AlertBody, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          presentAlert(
            await createAlert(deps, { caller: req.principal!, content: req.body, source: req.ip }),
          ),
        ),
  )

  app.get(
    '/api/v1/alerts/:id',
    {
      schema: {
        tags,
        summary:
          'One alert with every saved version, its history, what replaces it and its CAP XML once issued',
        params: IdParams,
        response: { 200: AlertDetailBody, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const row = await findAlertRow(deps.store.db, req.params.id)
      if (!row) throw new LiaisonError('not_found', `no alert ${req.params.id}`)
      if (row.org_id !== req.principal!.orgId)
        throw new LiaisonError(
          'other_organisation',
          'this alert belongs to another organisation',
          undefined,
          {
            reason: 'not_keeper',
          },
        )
      const [versions, history, replacements] = await Promise.all([
        alertVersionRows(deps.store.db, row.id),
        alertHistoryRows(deps.store.db, row.id),
        replacementRows(deps.store.db, row.id),
      ])
      return {
        alert: presentAlert(toAlert(row)),
        versions: versions.map((v, i) => ({
          version: v.version,
          cap: v.cap as Static<typeof AlertBody>['cap'],
          channels: v.channels,
          savedAt: v.saved_at.toISOString(),
          savedBy: v.saved_by,
          savedByName: v.display_name ?? '',
          changed: i === 0 ? [] : capChanges(versions[i - 1]!.cap, v.cap),
        })),
        history: history.map((h) => ({
          at: h.at.toISOString(),
          actor: h.actor,
          action: h.action,
          outcome: h.outcome,
          details: h.details,
        })),
        replacedBy: replacements.map((r) => r.id),
        issuedXml: row.issued_xml,
      }
    },
  )

  app.put(
    '/api/v1/alerts/:id',
    {
      config: { auth: 'read' },
      schema: {
        tags,
        summary: 'Edit a draft or a returned alert (send the version you edited; a stale one is refused)',
        description: 'Needs alerts.draft or alerts.approve. Whoever edits an alert can no longer approve it.',
        params: IdParams,
        body: AlertEditBody,
        response: { 200: AlertBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      presentAlert(
        await editAlert(deps, {
          caller: req.principal!,
          alertId: req.params.id,
          version: req.body.version,
          content: req.body.content,
          source: req.ip,
        }),
      ),
  )

  app.post(
    '/api/v1/alerts/:id/submit',
    {
      config: { auth: 'read' },
      schema: {
        tags,
        summary: 'Submit the version read for approval by a second person (the CAP rules must hold)',
        description: 'Needs alerts.draft or alerts.approve.',
        params: IdParams,
        body: AlertVersionBody,
        response: { 200: AlertBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      presentAlert(
        await submitAlert(deps, {
          caller: req.principal!,
          alertId: req.params.id,
          version: req.body.version,
          source: req.ip,
        }),
      ),
  )

  app.post(
    '/api/v1/alerts/:id/return',
    {
      config: { auth: 'alerts.approve' },
      schema: {
        tags,
        summary:
          'Send a submitted alert back to its author with a reason (a scheduled one is thereby withdrawn)',
        params: IdParams,
        body: AlertReturnBody,
        response: { 200: AlertBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      presentAlert(
        await returnAlert(deps, {
          caller: req.principal!,
          alertId: req.params.id,
          version: req.body.version,
          reason: req.body.reason,
          source: req.ip,
        }),
      ),
  )

  app.post(
    '/api/v1/alerts/:id/approve',
    {
      config: { auth: 'alerts.approve' },
      schema: {
        tags,
        summary: 'Approve the submitted version (a second person): issued at once, or at issueAt',
        description:
          'Refused (alert_same_person) for its author and anyone who edited or submitted it; refused (alert_cap_invalid, with the paths) if its CAP XML does not pass the XSD and the CAP rules.',
        params: IdParams,
        body: AlertApproveBody,
        response: { 200: AlertBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      presentAlert(
        await approveAlert(deps, {
          caller: req.principal!,
          alertId: req.params.id,
          version: req.body.version,
          issueAt: req.body.issueAt === undefined ? null : new Date(req.body.issueAt),
          source: req.ip,
        }),
      ),
  )

  app.post(
    '/api/v1/alerts/:id/issue-alone',
    {
      config: { auth: 'alerts.approve' },
      schema: {
        tags,
        summary:
          'Issue a draft at once by one approver: only a Cancel, a narrowing correction or a pre-approved template',
        description:
          'The alert is marked as issued alone under the named exception, in its record and the audit.',
        params: IdParams,
        body: AlertIssueAloneBody,
        response: { 200: AlertBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      presentAlert(
        await issueAlertAlone(deps, {
          caller: req.principal!,
          alertId: req.params.id,
          version: req.body.version,
          exception: req.body.exception,
          source: req.ip,
        }),
      ),
  )

  app.post(
    '/api/v1/alerts/:id/corrections',
    {
      config: { auth: 'read' },
      schema: {
        tags,
        summary:
          'Start a correction (Update) or a cancellation (Cancel) of an issued alert, its text prepared',
        description:
          'Needs alerts.draft or alerts.approve. The new draft references the issued alert and reaches the same audience.',
        params: IdParams,
        body: AlertCorrectionBody,
        response: { 201: AlertBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        presentAlert(
          await startCorrection(deps, {
            caller: req.principal!,
            alertId: req.params.id,
            kind: req.body.kind,
            source: req.ip,
          }),
        ),
      ),
  )
}
