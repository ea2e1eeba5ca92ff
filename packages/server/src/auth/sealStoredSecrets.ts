import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.ts'
import { replaceTotpSecret, storedTotpSecrets } from '../store/identity/userWrites.ts'
import { SecretBox, totpContext } from './SecretBox.ts'

/**
 * On start: seals the one-time code secrets still stored in the clear (written before secrets
 * were sealed), and checks that the node's key opens those already sealed, so a replaced key is
 * found at start-up rather than at the first sign-in. Returns how many it sealed.
 */
export async function sealStoredSecrets(db: Kysely<Database>, box: SecretBox): Promise<number> {
  let sealed = 0
  let checked = false
  for (const { id, secret } of await storedTotpSecrets(db)) {
    if (SecretBox.isSealed(secret)) {
      if (!checked) box.open(secret, totpContext(id))
      checked = true
      continue
    }
    await replaceTotpSecret(db, id, secret, box.seal(secret, totpContext(id)))
    sealed++
  }
  return sealed
}
