import type { AlertProposal, AlertProposalAnswer, AlertProposalState } from '@liaison/core'
import type { Kysely, Selectable } from 'kysely'
import { sql } from 'kysely'
import { beyond } from '../keyset.ts'
import type { PageRequest } from '../keyset.ts'
import type { AlertProposalsTable, Database } from '../schema.ts'

export type AlertProposalRow = Selectable<AlertProposalsTable>

const seenBy = (orgId: string) => sql<boolean>`${orgId}::text = any(audience)`

/** The proposal a row keeps, as it was sent. */
export function proposalOf(row: AlertProposalRow): AlertProposal {
  return row.proposal as AlertProposal
}

/**
 * Keeps proposals this node sends or receives; one already kept (the same origin and id, or the
 * same alert and neighbour) stays as it is. The ids of those written now.
 */
export async function insertAlertProposals(
  tx: Kysely<Database>,
  rows: readonly {
    readonly direction: AlertProposalRow['direction']
    readonly proposal: AlertProposal
    readonly audience: readonly string[]
    readonly at: Date
  }[],
): Promise<string[]> {
  if (rows.length === 0) return []
  const written = await tx
    .insertInto('alert_proposals')
    .values(
      rows.map((r) => ({
        origin: r.proposal.origin,
        id: r.proposal.id,
        direction: r.direction,
        to_node: r.proposal.toNode,
        alert_id: r.proposal.alertId,
        status: r.proposal.status,
        audience: [...r.audience],
        proposal: JSON.stringify(r.proposal),
        state: 'proposed' as const,
        created_at: r.at,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute()
  return written.map((w) => w.id)
}

/** The neighbours an alert of this node was already proposed to. */
export async function proposedNeighbours(
  tx: Kysely<Database>,
  origin: string,
  alertId: string,
): Promise<string[]> {
  const rows = await tx
    .selectFrom('alert_proposals')
    .select('to_node')
    .where('origin', '=', origin)
    .where('alert_id', '=', alertId)
    .execute()
  return rows.map((r) => r.to_node)
}

/** A proposal by origin and id, locked until the transaction ends. */
export async function lockAlertProposal(
  tx: Kysely<Database>,
  key: { readonly origin: string; readonly id: string },
): Promise<AlertProposalRow | undefined> {
  return tx
    .selectFrom('alert_proposals')
    .selectAll()
    .where('origin', '=', key.origin)
    .where('id', '=', key.id)
    .forUpdate()
    .executeTakeFirst()
}

/** A proposal an organisation of this node sees, by origin and id. */
export async function findAlertProposal(
  db: Kysely<Database>,
  key: { readonly origin: string; readonly id: string },
  orgId: string,
): Promise<AlertProposalRow | undefined> {
  return db
    .selectFrom('alert_proposals')
    .selectAll()
    .where('origin', '=', key.origin)
    .where('id', '=', key.id)
    .where(seenBy(orgId))
    .executeTakeFirst()
}

/** The answer this node's centre gave to a received proposal (once: only while it is proposed). */
export async function recordProposalAnswer(
  tx: Kysely<Database>,
  key: { readonly origin: string; readonly id: string },
  answer: {
    readonly state: Exclude<AlertProposalState, 'proposed'>
    readonly reason: string | null
    readonly at: Date
    readonly byName: string
    readonly orgId: string
    readonly adoptedAlertId: string | null
  },
): Promise<boolean> {
  const result = await tx
    .updateTable('alert_proposals')
    .set({
      state: answer.state,
      reason: answer.reason,
      answered_at: answer.at,
      answered_by: answer.byName,
      answered_org_id: answer.orgId,
      adopted_alert_id: answer.adoptedAlertId,
    })
    .where('origin', '=', key.origin)
    .where('id', '=', key.id)
    .where('state', '=', 'proposed')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/**
 * What a neighbour answered to a proposal this node sent, as its answer event says: kept on the
 * proposal sent to that node only, and only the first answer.
 */
export async function applyProposalAnswer(
  tx: Kysely<Database>,
  nodeId: string,
  answer: AlertProposalAnswer,
): Promise<boolean> {
  const result = await tx
    .updateTable('alert_proposals')
    .set({
      state: answer.state,
      reason: answer.reason,
      answered_at: new Date(answer.at),
      answered_by: answer.byName,
      answered_org_id: answer.orgId,
    })
    .where('origin', '=', nodeId)
    .where('id', '=', answer.proposalId)
    .where('direction', '=', 'sent')
    .where('to_node', '=', answer.node)
    .where('state', '=', 'proposed')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/**
 * The proposals an organisation of this node sees, sent or received, of one CAP status, newest
 * first, a page at a time; only those still waiting for an answer when `open`.
 */
export async function pageAlertProposals(
  db: Kysely<Database>,
  query: {
    readonly orgId: string
    readonly direction: AlertProposalRow['direction']
    readonly status: AlertProposalRow['status']
    readonly open?: boolean | undefined
  },
  page: PageRequest<Date>,
): Promise<AlertProposalRow[]> {
  let q = db
    .selectFrom('alert_proposals')
    .selectAll()
    .where('direction', '=', query.direction)
    .where('status', '=', query.status)
    .where(seenBy(query.orgId))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
  if (query.open) q = q.where('state', '=', 'proposed')
  if (page.after) q = q.where(beyond(page.after, { key: 'created_at', id: 'id' }))
  return q.execute()
}

/** The proposals this node sent for one of its alerts, by neighbour (at most one each). */
export async function proposalsOfAlert(
  db: Kysely<Database>,
  origin: string,
  alertId: string,
): Promise<AlertProposalRow[]> {
  return db
    .selectFrom('alert_proposals')
    .selectAll()
    .where('origin', '=', origin)
    .where('alert_id', '=', alertId)
    .where('direction', '=', 'sent')
    .orderBy('to_node')
    .execute()
}
