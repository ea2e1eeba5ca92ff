import type { Kysely, MigrationResult } from 'kysely'
import { Migrator } from 'kysely'
import { LiaisonError } from '@liaison/core'
import { migrations } from './migrations/migrations.ts'
import type { Database } from './schema.ts'

export interface MigrationReport {
  readonly applied: readonly string[]
  readonly current: string | null
}

/** Brings the schema up to date; each migration runs in its own transaction, under Kysely's lock. */
export async function migrate(db: Kysely<Database>): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  })
  const { error, results } = await migrator.migrateToLatest()
  const applied = (results ?? [])
    .filter((r: MigrationResult) => r.status === 'Success')
    .map((r) => r.migrationName)
  if (error) {
    const failed = (results ?? []).find((r) => r.status === 'Error')
    throw new LiaisonError(
      'internal',
      `migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      undefined,
      { cause: error },
    )
  }
  const names = Object.keys(migrations).sort()
  return { applied, current: names.at(-1) ?? null }
}
