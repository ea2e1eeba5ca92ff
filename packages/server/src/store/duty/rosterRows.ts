import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'

/** Which of these user ids are active users of the organisation. */
export async function activeMembersOf(
  db: Kysely<Database>,
  orgId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  const members = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', [...userIds])
    .where('org_id', '=', orgId)
    .where('disabled', '=', false)
    .execute()
  return new Set(members.map((m) => m.id))
}

/** The organisation's rotation as it was sent (JSON), or undefined when it has none. */
export async function rotationDefinition(db: Kysely<Database>, orgId: string): Promise<unknown> {
  const row = await db
    .selectFrom('rotations')
    .select('definition')
    .where('org_id', '=', orgId)
    .executeTakeFirst()
  return row?.definition
}

/** Sets the organisation's one rotation (replacing the one it had). */
export async function saveRotation(
  db: Kysely<Database>,
  row: { readonly orgId: string; readonly definition: string; readonly at: Date; readonly by: string },
): Promise<void> {
  await db
    .insertInto('rotations')
    .values({ org_id: row.orgId, definition: row.definition, updated_at: row.at, updated_by: row.by })
    .onConflict((oc) =>
      oc.column('org_id').doUpdateSet({ definition: row.definition, updated_at: row.at, updated_by: row.by }),
    )
    .execute()
}

export async function rosterOverridesOf(
  db: Kysely<Database>,
  orgId: string,
): Promise<{ shiftStart: Date; userId: string }[]> {
  const rows = await db
    .selectFrom('roster_overrides')
    .select(['shift_start', 'user_id'])
    .where('org_id', '=', orgId)
    .execute()
  return rows.map((r) => ({ shiftStart: r.shift_start, userId: r.user_id }))
}

/** Puts someone on one shift; a later override of the same shift replaces it. */
export async function saveRosterOverride(
  db: Kysely<Database>,
  row: {
    readonly orgId: string
    readonly shiftStart: Date
    readonly userId: string
    readonly reason: string
    readonly at: Date
    readonly by: string
  },
): Promise<void> {
  await db
    .insertInto('roster_overrides')
    .values({
      org_id: row.orgId,
      shift_start: row.shiftStart,
      user_id: row.userId,
      reason: row.reason,
      created_at: row.at,
      created_by: row.by,
    })
    .onConflict((oc) =>
      oc.columns(['org_id', 'shift_start']).doUpdateSet({
        user_id: row.userId,
        reason: row.reason,
        created_at: row.at,
        created_by: row.by,
      }),
    )
    .execute()
}
