import type { Case, Discipline, Doctrine, LogEntry, LogSource, ReportedTime, Severity } from '@liaison/core'
import type { Insertable, Kysely, Selectable } from 'kysely'
import { sql } from 'kysely'
import type { PageRequest, Position } from '../keyset.ts'
import { beyond } from '../keyset.ts'
import type { CasesTable, Database, LogEntriesTable } from '../schema.ts'

export function toCase(row: Selectable<CasesTable>): Case {
  return {
    id: row.id,
    ownerOrgId: row.owner_org_id,
    kind: row.kind,
    status: row.status,
    type: row.type,
    title: row.title,
    description: row.description,
    location: row.lon !== null && row.lat !== null ? { lon: row.lon, lat: row.lat } : null,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    severity: row.severity as Severity,
    state: row.state,
    disciplines: row.disciplines as Discipline[],
    scaling:
      row.scaling_doctrine && row.scaling_level
        ? {
            doctrine: row.scaling_doctrine as Doctrine,
            level: row.scaling_level,
            planLevel: row.scaling_plan_level,
          }
        : null,
    participants: row.participants,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    fromLogEntry: row.from_log_entry,
  }
}

export function caseRow(c: Case): Selectable<CasesTable> {
  return {
    id: c.id,
    owner_org_id: c.ownerOrgId,
    kind: c.kind,
    status: c.status,
    type: c.type,
    title: c.title,
    description: c.description,
    lon: c.location?.lon ?? null,
    lat: c.location?.lat ?? null,
    starts_at: c.startsAt,
    ends_at: c.endsAt,
    severity: c.severity,
    state: c.state,
    disciplines: [...c.disciplines],
    scaling_doctrine: c.scaling?.doctrine ?? null,
    scaling_level: c.scaling?.level ?? null,
    scaling_plan_level: c.scaling?.planLevel ?? null,
    participants: [...c.participants],
    created_at: c.createdAt,
    created_by: c.createdBy,
    updated_at: c.updatedAt,
    from_log_entry: c.fromLogEntry,
  }
}

export function toLogEntry(row: Omit<Selectable<LogEntriesTable>, 'search'>): LogEntry {
  return {
    id: row.id,
    caseId: row.case_id,
    orgId: row.org_id,
    authorId: row.author_id,
    authorName: row.author_name,
    occurred: occurredFrom(row),
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    discipline: row.discipline as Discipline,
    source: row.source as LogSource,
    text: row.text,
    location: row.lon !== null && row.lat !== null ? { lon: row.lon, lat: row.lat } : null,
    supersedes: row.supersedes,
  }
}

/** The reported time of a log entry row (decision 015); a row that breaks its own checks reads as exact. */
function occurredFrom(
  row: Pick<
    Selectable<LogEntriesTable>,
    'occurred_at' | 'occurred_zone' | 'occurred_qualifier' | 'occurred_part' | 'occurred_until'
  >,
): ReportedTime {
  const base = { at: row.occurred_at, zone: row.occurred_zone }
  switch (row.occurred_qualifier) {
    case 'part-of-day':
      return row.occurred_part
        ? { ...base, qualifier: 'part-of-day', part: row.occurred_part }
        : { ...base, qualifier: 'exact' }
    case 'range':
      return row.occurred_until
        ? { ...base, qualifier: 'range', until: row.occurred_until }
        : { ...base, qualifier: 'exact' }
    case 'exact':
    case 'approximate':
    case 'defaulted':
      return { ...base, qualifier: row.occurred_qualifier }
    default: {
      const never: never = row.occurred_qualifier
      return never
    }
  }
}

export async function findCase(db: Kysely<Database>, id: string): Promise<Case | null> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toCase(row) : null
}

export interface CaseFilter {
  readonly state?: Case['state'] | undefined
  readonly status?: Case['status'] | undefined
  readonly kind?: Case['kind'] | undefined
  /** Only cases not closed (open or monitoring). */
  readonly notClosed?: boolean | undefined
  /** Only cases that have not ended before this time (their end, or their start if they have none). */
  readonly notEndedBefore?: Date | undefined
  /** Paging: only cases after this one in the order (starts_at, id) descending. */
  readonly after?: Position<Date> | undefined
  /** At most this many (default 500); null: all of them. */
  readonly limit?: number | null | undefined
}

/** The cases an organisation sees (those it owns or takes part in), latest start first. */
export async function listVisibleCases(
  db: Kysely<Database>,
  orgId: string,
  filter: CaseFilter,
): Promise<Case[]> {
  let query = db
    .selectFrom('cases')
    .selectAll()
    .where((eb) => eb.or([eb('owner_org_id', '=', orgId), eb(eb.val(orgId), '=', eb.fn.any('participants'))]))
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
  if (filter.state) query = query.where('state', '=', filter.state)
  if (filter.status) query = query.where('status', '=', filter.status)
  if (filter.kind) query = query.where('kind', '=', filter.kind)
  if (filter.notClosed) query = query.where('state', '!=', 'closed')
  if (filter.notEndedBefore)
    query = query.where(sql<Date>`coalesce(ends_at, starts_at)`, '>=', filter.notEndedBefore)
  if (filter.after) query = query.where(beyond(filter.after, { key: 'starts_at', id: 'id' }))
  const limit = filter.limit === undefined ? 500 : filter.limit
  if (limit !== null) query = query.limit(limit)
  return (await query.execute()).map(toCase)
}

const entryColumns = [
  'id',
  'case_id',
  'org_id',
  'author_id',
  'author_name',
  'occurred_at',
  'occurred_zone',
  'occurred_qualifier',
  'occurred_part',
  'occurred_until',
  'recorded_at',
  'discipline',
  'source',
  'text',
  'lon',
  'lat',
  'supersedes',
] as const

/** The entries of one log (a case's, or an organisation's daily log), with its filters. */
function logQuery(
  db: Kysely<Database>,
  where: { caseId: string } | { dailyOf: string },
  filter: { discipline?: string | undefined; query?: string | undefined },
) {
  let q = db.selectFrom('log_entries').select(entryColumns)
  q =
    'caseId' in where
      ? q.where('case_id', '=', where.caseId)
      : q.where('case_id', 'is', null).where('org_id', '=', where.dailyOf)
  if (filter.discipline) q = q.where('discipline', '=', filter.discipline)
  if (filter.query?.trim())
    q = q.where(sql<boolean>`search @@ plainto_tsquery('simple', liaison_fold(${filter.query}))`)
  return q
}

/**
 * A log, oldest first: one case's, or (caseId null) an organisation's daily log. `query` is
 * searched accent- and case-blind, every word required.
 */
export async function listLog(
  db: Kysely<Database>,
  where: { caseId: string } | { dailyOf: string },
  filter: { discipline?: string | undefined; query?: string | undefined; limit?: number | undefined },
): Promise<LogEntry[]> {
  const rows = await logQuery(db, where, filter)
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(filter.limit ?? 2_000)
    .execute()
  return rows.map(toLogEntry)
}

/**
 * A page of a log, newest first (by when it happened, then id): one case's, or an
 * organisation's daily log; `query` as in `listLog`. Reads `limit + 1` entries, so that the
 * caller knows whether there is a next page.
 */
export async function pageLog(
  db: Kysely<Database>,
  where: { caseId: string } | { dailyOf: string },
  filter: { discipline?: string | undefined; query?: string | undefined },
  page: PageRequest<Date>,
): Promise<LogEntry[]> {
  let q = logQuery(db, where, filter)
  if (page.after) q = q.where(beyond(page.after, { key: 'occurred_at', id: 'id' }))
  const rows = await q
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute()
  return rows.map(toLogEntry)
}

/**
 * Full-text search across every log an organisation sees (its daily log and its cases' logs),
 * newest first, a page at a time (`limit + 1` entries read).
 */
export async function searchLogs(
  db: Kysely<Database>,
  orgId: string,
  query: string,
  page: PageRequest<Date>,
): Promise<LogEntry[]> {
  let q = db
    .selectFrom('log_entries')
    .leftJoin('cases', 'cases.id', 'log_entries.case_id')
    .select(entryColumns.map((c) => `log_entries.${c}` as const))
    .where(sql<boolean>`log_entries.search @@ plainto_tsquery('simple', liaison_fold(${query}))`)
    .where((eb) =>
      eb.or([
        eb.and([eb('log_entries.case_id', 'is', null), eb('log_entries.org_id', '=', orgId)]),
        eb('cases.owner_org_id', '=', orgId),
        eb(eb.val(orgId), '=', eb.fn.any('cases.participants')),
      ]),
    )
  if (page.after) q = q.where(beyond(page.after, { key: 'log_entries.occurred_at', id: 'log_entries.id' }))
  const rows = await q
    .orderBy('log_entries.occurred_at', 'desc')
    .orderBy('log_entries.id', 'desc')
    .limit(page.limit + 1)
    .execute()
  return rows.map(toLogEntry)
}

/** For each of these entries that a later one corrects, the correcting entry's id. */
export async function correctionsOf(
  db: Kysely<Database>,
  entryIds: readonly string[],
): Promise<Map<string, string>> {
  if (entryIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('log_entries')
    .select(['id', 'supersedes'])
    .where('supersedes', 'in', entryIds)
    .execute()
  return new Map(rows.flatMap((r) => (r.supersedes ? [[r.supersedes, r.id] as const] : [])))
}

export async function insertCase(db: Kysely<Database>, c: Case): Promise<void> {
  await db.insertInto('cases').values(caseRow(c)).execute()
}

export async function updateCaseRow(db: Kysely<Database>, c: Case): Promise<void> {
  const { id, ...row } = caseRow(c)
  await db.updateTable('cases').set(row).where('id', '=', id).execute()
}

/** Where a log entry was written: its case (null: the daily log) and organisation; undefined if none. */
export async function logEntryPlace(
  db: Kysely<Database>,
  id: string,
): Promise<Pick<Selectable<LogEntriesTable>, 'case_id' | 'org_id' | 'text'> | undefined> {
  return db
    .selectFrom('log_entries')
    .select(['case_id', 'org_id', 'text'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/**
 * Inserts an entry whose `author_name` is its author's display name now ('unknown' without one),
 * read by the insert itself rather than by a round trip before it; answers the name.
 */
export async function insertLogEntryByAuthor(
  db: Kysely<Database>,
  row: Omit<Insertable<LogEntriesTable>, 'author_name'> & { readonly author_id: string },
): Promise<string> {
  const written = await db
    .insertInto('log_entries')
    .values({
      ...row,
      author_name: sql<string>`coalesce((select display_name from users where id = ${row.author_id}), 'unknown')`,
    })
    .returning('author_name')
    .executeTakeFirstOrThrow()
  return written.author_name
}

/** Whether the node holds any log entry at all. */
export async function hasLogEntries(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('log_entries').select('id').limit(1).executeTakeFirst()) !== undefined
}
