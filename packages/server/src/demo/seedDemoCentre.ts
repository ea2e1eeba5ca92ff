import type { ActionDeps } from '../actions/ActionDeps.ts'
import { addOrganisation } from '../actions/addOrganisation.ts'
import { addUser } from '../actions/addUser.ts'
import { runAction } from '../actions/runAction.ts'
import { newTotpSecret, totpStep } from '../auth/totp.ts'
import { totpContext } from '../auth/SecretBox.ts'
import { findUserRow } from '../store/identity/userRows.ts'
import { updateUserRow } from '../store/identity/userWrites.ts'
import { findCentre, findOrganisation } from '../store/organisations/organisationRows.ts'
import type { DemoCentre } from './demoCentres.ts'

const seeder = { kind: 'system', label: 'demo-seed' } as const

/**
 * Seeds a demo centre, its partners and its demo accounts (with one-time codes already set up, so
 * the sign-in page can show them). What exists already is left alone, so restarts reuse the data.
 */
export async function seedDemoCentre(deps: ActionDeps, centre: DemoCentre): Promise<void> {
  const existingCentre = await findCentre(deps.store.db, deps.nodeId)
  for (const organisation of [centre.centre, ...centre.partners]) {
    if (organisation.kind === 'centre' && existingCentre) continue
    if (await findOrganisation(deps.store.db, deps.nodeId, { code: organisation.code })) continue
    await addOrganisation(deps, { organisation, caller: seeder, source: 'demo' })
  }
  const centreCode = existingCentre?.code ?? centre.centre.code
  for (const user of centre.users) {
    if (await findUserRow(deps.store.db, { username: user.username })) continue
    const orgCode = user.orgCode === centre.centre.code ? centreCode : user.orgCode
    const added = await addUser(deps, { ...user, caller: seeder, orgCode, source: 'demo' })
    await runAction(deps, { action: 'user.totp-enrol', actor: seeder, source: 'demo' }, async (ctx) => {
      ctx.target(added.id, added.orgId, { demo: true })
      await updateUserRow(ctx.tx, added.id, {
        totp_secret: deps.secrets.seal(newTotpSecret(), totpContext(added.id)),
        totp_enrolled_at: ctx.at,
        totp_last_step: totpStep(ctx.at.getTime()) - 2,
      })
    })
  }
}
