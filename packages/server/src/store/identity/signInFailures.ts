import type { SignInFailures } from '@liaison/core'
import { afterFailedSignIn, signInDelayPolicy, signInWaitMs } from '@liaison/core'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'

/** One account (as typed, known or not) from one source: `source` null counts as `unknown`. */
export interface SignInKey {
  readonly username: string
  readonly source: string | null
}

const sourceOf = (key: SignInKey) => key.source ?? 'unknown'

async function read(db: Kysely<Database>, key: SignInKey): Promise<SignInFailures | null> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select(['failures', 'last_failure_at'])
    .where('username', '=', key.username)
    .where('source', '=', sourceOf(key))
    .executeTakeFirst()
  return row ? { failures: row.failures, lastFailureAt: row.last_failure_at } : null
}

/** How long this source must still wait before proving this account again (0: it may now). */
export async function signInWait(db: Kysely<Database>, key: SignInKey, at: Date): Promise<number> {
  return signInWaitMs(await read(db, key), at)
}

/** Counts one failed proof (password or code) for this account from this source; returns the wait it now imposes. */
export async function recordSignInFailure(db: Kysely<Database>, key: SignInKey, at: Date): Promise<number> {
  const next = afterFailedSignIn(await read(db, key), at)
  // failures are forgotten a day after the last one: names tried once from far away do not pile up
  await db
    .deleteFrom('sign_in_failures')
    .where('last_failure_at', '<', new Date(at.getTime() - signInDelayPolicy.forgetAfterMs))
    .execute()
  await db
    .insertInto('sign_in_failures')
    .values({
      username: key.username,
      source: sourceOf(key),
      failures: next.failures,
      last_failure_at: next.lastFailureAt,
    })
    .onConflict((oc) =>
      oc
        .columns(['username', 'source'])
        .doUpdateSet({ failures: next.failures, last_failure_at: next.lastFailureAt }),
    )
    .execute()
  return signInWaitMs(next, at)
}

/** A success from a source clears that source's record; an administrator's reset clears every source. */
export async function clearSignInFailures(
  db: Kysely<Database>,
  username: string,
  source?: string | null,
): Promise<void> {
  let query = db.deleteFrom('sign_in_failures').where('username', '=', username)
  if (source !== undefined) query = query.where('source', '=', source ?? 'unknown')
  await query.execute()
}
