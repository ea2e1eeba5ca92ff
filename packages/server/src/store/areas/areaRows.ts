import type { Insertable, Kysely } from 'kysely'
import { sql } from 'kysely'
import type { PageRequest } from '../keyset.ts'
import type { AreasTable, Database } from '../schema.ts'

/** Rows per insert statement: one multi-row insert a chunk, well under PostgreSQL's 65,535 parameters. */
const chunkRows = 200

/**
 * Writes imported areas, one multi-row insert per chunk; an area with the level and code of an
 * earlier one replaces it (keeping its id). Returns how many were new and how many replaced.
 */
export async function upsertAreas(
  db: Kysely<Database>,
  rows: readonly Insertable<AreasTable>[],
): Promise<{ added: number; replaced: number }> {
  let added = 0
  let replaced = 0
  for (let i = 0; i < rows.length; i += chunkRows) {
    const written = await db
      .insertInto('areas')
      .values(rows.slice(i, i + chunkRows))
      .onConflict((oc) =>
        oc.columns(['level', 'code']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          names: eb.ref('excluded.names'),
          country: eb.ref('excluded.country'),
          geometry: eb.ref('excluded.geometry'),
          vertices: eb.ref('excluded.vertices'),
          west: eb.ref('excluded.west'),
          south: eb.ref('excluded.south'),
          east: eb.ref('excluded.east'),
          north: eb.ref('excluded.north'),
          source_file: eb.ref('excluded.source_file'),
          imported_at: eb.ref('excluded.imported_at'),
          imported_by: eb.ref('excluded.imported_by'),
        })),
      )
      // xmax is 0 for a row this statement inserted, not for one it updated
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute()
    for (const row of written) if (row.inserted) added += 1
    replaced += written.length - written.filter((r) => r.inserted).length
  }
  return { added, replaced }
}

/** What the area list shows of an area: everything but its geometry. */
const listed = [
  'id',
  'level',
  'code',
  'name',
  'names',
  'country',
  'vertices',
  'west',
  'south',
  'east',
  'north',
  'source_file',
  'imported_at',
  'imported_by',
] as const

/**
 * A page of the imported areas by code (bytewise), then id; `level` narrows, `query` finds a
 * code or any name containing it, accent- and case-blind (`limit + 1` read).
 */
export async function pageAreas(
  db: Kysely<Database>,
  filter: { level?: AreasTable['level'] | undefined; query?: string | undefined },
  page: PageRequest<string>,
) {
  let q = db.selectFrom('areas').select(listed)
  if (filter.level) q = q.where('level', '=', filter.level)
  const query = filter.query?.trim()
  if (query) {
    const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    q = q.where(
      sql<boolean>`liaison_fold(code || ' ' || name || ' ' || coalesce((select string_agg(value, ' ') from jsonb_each_text(names)), '')) like liaison_fold(${like})`,
    )
  }
  if (page.after)
    q = q.where(
      sql<boolean>`(code collate "C", id::text collate "C") > (${page.after.key} collate "C", ${page.after.id} collate "C")`,
    )
  return q
    .orderBy(sql`code collate "C"`)
    .orderBy(sql`id::text collate "C"`)
    .limit(page.limit + 1)
    .execute()
}

/** One imported area with its geometry, if there is one with this id. */
export async function findArea(db: Kysely<Database>, id: string) {
  return db.selectFrom('areas').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The imported areas with these codes (the composer's check resolves them), with their geometry. */
export async function findAreasByCode(db: Kysely<Database>, codes: readonly string[]) {
  if (codes.length === 0) return []
  return db
    .selectFrom('areas')
    .select(['code', 'geometry'])
    .where('code', 'in', [...codes])
    .execute()
}
