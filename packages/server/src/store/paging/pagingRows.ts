import type { LogEntry, PagingPolicy } from '@liaison/core'
import { toLogEntry } from '../cases/caseRows.ts'
import type { Kysely, Selectable } from 'kysely'
import { sql } from 'kysely'
import type { PageRequest } from '../keyset.ts'
import { beyond } from '../keyset.ts'
import type { Database, PagesTable, UserPagingAddressesTable } from '../schema.ts'

export type PagingAddressRow = Selectable<UserPagingAddressesTable>
export type PageRow = Omit<Selectable<PagesTable>, 'chain'> & { readonly chain: string[] }

/** A user's paging addresses (at most one of each kind). */
export async function pagingAddressesOf(db: Kysely<Database>, userId: string): Promise<PagingAddressRow[]> {
  return db
    .selectFrom('user_paging_addresses')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('kind')
    .execute()
}

/** Sets a user's address of a kind, unconfirmed, with a new code (replacing any earlier address). */
export async function setPagingAddress(
  db: Kysely<Database>,
  row: {
    id: string
    userId: string
    kind: 'sms' | 'email'
    address: string
    codeHash: string
    expiresAt: Date
    at: Date
  },
): Promise<PagingAddressRow> {
  return db
    .insertInto('user_paging_addresses')
    .values({
      id: row.id,
      user_id: row.userId,
      kind: row.kind,
      address: row.address,
      code_hash: row.codeHash,
      code_expires_at: row.expiresAt,
      created_at: row.at,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'kind']).doUpdateSet({
        address: row.address,
        confirmed_at: null,
        code_hash: row.codeHash,
        code_expires_at: row.expiresAt,
        code_attempts: 0,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function countWrongPagingCode(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('user_paging_addresses')
    .set({ code_attempts: sql<number>`code_attempts + 1` })
    .where('id', '=', id)
    .execute()
}

export async function confirmPagingAddress(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db
    .updateTable('user_paging_addresses')
    .set({ confirmed_at: at, code_hash: null, code_expires_at: null })
    .where('id', '=', id)
    .execute()
}

export async function removePagingAddress(
  db: Kysely<Database>,
  userId: string,
  kind: 'sms' | 'email',
): Promise<boolean> {
  const removed = await db
    .deleteFrom('user_paging_addresses')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .executeTakeFirst()
  return Number(removed.numDeletedRows) > 0
}

/** The users of an organisation, each with whether a paging address of theirs is confirmed. */
export async function pagingCandidates(
  db: Kysely<Database>,
  orgId: string,
): Promise<{ id: string; reachable: boolean }[]> {
  const rows = await db
    .selectFrom('users')
    .select([
      'users.id',
      sql<boolean>`exists (select 1 from user_paging_addresses a where a.user_id = users.id and a.confirmed_at is not null)`.as(
        'reachable',
      ),
    ])
    .where('users.org_id', '=', orgId)
    .where('users.disabled', '=', false)
    .execute()
  return rows.map((r) => ({ id: r.id, reachable: r.reachable }))
}

/** The confirmed addresses of a user, to page them through. */
export async function confirmedPagingAddresses(
  db: Kysely<Database>,
  userId: string,
): Promise<{ sms: string | null; email: string | null; name: string | null; username: string | null }> {
  const user = await db
    .selectFrom('users')
    .select(['display_name', 'username', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst()
  if (!user || user.disabled)
    return { sms: null, email: null, name: user?.display_name ?? null, username: user?.username ?? null }
  const rows = await db
    .selectFrom('user_paging_addresses')
    .select(['kind', 'address'])
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .execute()
  return {
    sms: rows.find((r) => r.kind === 'sms')?.address ?? null,
    email: rows.find((r) => r.kind === 'email')?.address ?? null,
    name: user.display_name,
    username: user.username,
  }
}

export async function pagingPolicyOf(db: Kysely<Database>, orgId: string): Promise<PagingPolicy | null> {
  const row = await db
    .selectFrom('paging_policies')
    .selectAll()
    .where('org_id', '=', orgId)
    .executeTakeFirst()
  if (!row) return null
  return {
    chain: row.chain,
    minSeverity: row.min_severity,
    stepSeconds: row.step_seconds,
    incomingWaitSeconds: row.incoming_wait_seconds,
  }
}

export async function savePagingPolicy(
  db: Kysely<Database>,
  orgId: string,
  policy: PagingPolicy,
  at: Date,
): Promise<void> {
  const values = {
    chain: JSON.stringify(policy.chain),
    min_severity: policy.minSeverity,
    step_seconds: policy.stepSeconds,
    incoming_wait_seconds: policy.incomingWaitSeconds,
    updated_at: at,
  }
  await db
    .insertInto('paging_policies')
    .values({ org_id: orgId, ...values })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
    .execute()
}

/** A new page, before its first step; null when the case or item already has its page (a start delivered again). */
export async function insertPage(
  db: Kysely<Database>,
  page: {
    id: string
    orgId: string
    caseId: string | null
    reason: PagesTable['reason']
    itemKey: string | null
    title: string
    severity: string | null
    status: PagesTable['status']
    note: string | null
    chain: readonly string[]
    stepSeconds: number
    replyCode: string
    at: Date
  },
): Promise<PageRow | null> {
  const row = await db
    .insertInto('pages')
    .values({
      id: page.id,
      org_id: page.orgId,
      case_id: page.caseId,
      reason: page.reason,
      item_key: page.itemKey,
      title: page.title,
      severity: page.severity,
      status: page.status,
      note: page.note,
      chain: JSON.stringify(page.chain),
      step_seconds: page.stepSeconds,
      state: 'paging',
      reply_code: page.replyCode,
      created_at: page.at,
      updated_at: page.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst()
  return row ?? null
}

/** The page, locked for the change the caller is about to make. */
export async function lockPage(db: Kysely<Database>, id: string): Promise<PageRow | null> {
  return (
    (await db.selectFrom('pages').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null
  )
}

export async function findPage(db: Kysely<Database>, id: string): Promise<PageRow | null> {
  return (await db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
}

export async function movePage(
  db: Kysely<Database>,
  id: string,
  change: { step?: number; state: PagesTable['state']; at: Date; by?: string; via?: 'sms' | 'link' },
): Promise<void> {
  await db
    .updateTable('pages')
    .set({
      state: change.state,
      updated_at: change.at,
      ...(change.step === undefined ? {} : { step: change.step }),
      ...(change.state === 'acknowledged'
        ? {
            acknowledged_at: change.at,
            acknowledged_by: change.by ?? null,
            acknowledged_via: change.via ?? null,
          }
        : {}),
    })
    .where('id', '=', id)
    .execute()
}

export async function insertPageRecipient(
  db: Kysely<Database>,
  row: {
    pageId: string
    step: number
    userId: string
    tokenHash: string
    smsTo: string | null
    emailTo: string | null
    at: Date
  },
): Promise<void> {
  await db
    .insertInto('page_recipients')
    .values({
      page_id: row.pageId,
      step: row.step,
      user_id: row.userId,
      token_hash: row.tokenHash,
      sms_to: row.smsTo,
      email_to: row.emailTo,
      paged_at: row.at,
    })
    .execute()
}

export async function pageRecipient(
  db: Kysely<Database>,
  pageId: string,
  step: number,
): Promise<{ user_id: string; sms_to: string | null; email_to: string | null } | null> {
  return (
    (await db
      .selectFrom('page_recipients')
      .select(['user_id', 'sms_to', 'email_to'])
      .where('page_id', '=', pageId)
      .where('step', '=', step)
      .executeTakeFirst()) ?? null
  )
}

/** Who a link's token was sent to, and their page. */
export async function recipientByToken(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<{ page_id: string; user_id: string } | null> {
  return (
    (await db
      .selectFrom('page_recipients')
      .select(['page_id', 'user_id'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst()) ?? null
  )
}

/**
 * The pages a number was paged for that are still open, newest first (an SMS reply acknowledges
 * one of them: the one its code names, or the newest).
 */
export async function openPagesPagedTo(
  db: Kysely<Database>,
  number: string,
): Promise<{ page_id: string; user_id: string; reply_code: string }[]> {
  return db
    .selectFrom('page_recipients as r')
    .innerJoin('pages as p', 'p.id', 'r.page_id')
    .select(['r.page_id', 'r.user_id', 'p.reply_code'])
    .where('r.sms_to', '=', number)
    .where('p.state', '<>', 'acknowledged')
    .orderBy('r.paged_at', 'desc')
    .limit(50)
    .execute()
}

/** An organisation's pages, newest first (decision 013). */
export async function pagesOf(
  db: Kysely<Database>,
  orgId: string,
  page: PageRequest<Date>,
  filter: { caseId?: string | undefined } = {},
): Promise<PageRow[]> {
  let query = db.selectFrom('pages').selectAll().where('org_id', '=', orgId)
  if (filter.caseId !== undefined) query = query.where('case_id', '=', filter.caseId)
  if (page.after) query = query.where(beyond(page.after, { key: 'created_at', id: 'id' }))
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute()
}

/** A paging step in the log: the case's, or the daily log of the organisation (no case). */
export async function insertPagingLogEntry(
  db: Kysely<Database>,
  entry: { id: string; caseId: string | null; orgId: string; text: string; at: Date },
): Promise<LogEntry> {
  const row = await db
    .insertInto('log_entries')
    .values({
      id: entry.id,
      case_id: entry.caseId,
      org_id: entry.orgId,
      author_id: pagingAuthorId,
      author_name: 'Liaison paging',
      occurred_at: entry.at,
      occurred_zone: 'Z',
      occurred_qualifier: 'exact',
      occurred_part: null,
      occurred_until: null,
      recorded_at: entry.at,
      discipline: 'multidisciplinary',
      source: 'paging',
      text: entry.text,
      lon: null,
      lat: null,
      supersedes: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toLogEntry(row)
}

/** The author of the log entries paging writes: no user (the nil UUID). */
export const pagingAuthorId = '00000000-0000-0000-0000-000000000000'
