import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'
import { SecretBox, totpContext } from './SecretBox.ts'

/**
 * On start: seals the one-time code secrets still stored in the clear (written before secrets
 * were sealed), and checks that the node's key opens those already sealed, so a replaced key is
 * found at start-up rather than at the first sign-in. Returns how many it sealed.
 */
export async function sealStoredSecrets(db: Kysely<Database>, box: SecretBox): Promise<number> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'totp_secret'])
    .where('totp_secret', 'is not', null)
    .execute()
  let sealed = 0
  let checked = false
  for (const row of rows) {
    const value = row.totp_secret!
    if (SecretBox.isSealed(value)) {
      if (!checked) box.open(value, totpContext(row.id))
      checked = true
      continue
    }
    await db
      .updateTable('users')
      .set({ totp_secret: box.seal(value, totpContext(row.id)) })
      .where('id', '=', row.id)
      .where('totp_secret', '=', value)
      .execute()
    sealed++
  }
  return sealed
}
