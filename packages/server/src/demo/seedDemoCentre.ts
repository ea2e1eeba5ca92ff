import type { ActionDeps } from '../actions/ActionDeps.ts'
import { addOrganisation } from '../actions/addOrganisation.ts'
import { findOrganisation } from '../organisations/organisationRows.ts'
import type { DemoCentre } from './demoCentres.ts'

/** Seeds a demo centre and its partners; what exists already is left alone, so restarts reuse the data. */
export async function seedDemoCentre(deps: ActionDeps, centre: DemoCentre): Promise<void> {
  for (const organisation of [centre.centre, ...centre.partners]) {
    if (await findOrganisation(deps.store.db, deps.nodeId, { code: organisation.code })) continue
    await addOrganisation(deps, {
      organisation,
      actor: { kind: 'system', label: 'demo-seed' },
      source: 'demo',
    })
  }
}
