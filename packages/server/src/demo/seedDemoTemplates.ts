import type { Country, Role } from '@liaison/core'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import { createAlertTemplate } from '../actions/alertTemplates.ts'
import { listAlertTemplateRows } from '../store/alerts/alertTemplateRows.ts'
import { findUserRow } from '../store/identity/userRows.ts'
import { demoAlertTemplates } from './demoAlertTemplates.ts'

/**
 * The demo centre's alert templates, written by its approver once (none yet). Not pre-approved:
 * that takes a second approver, as it does on a real node (decision 038).
 */
export async function seedDemoTemplates(deps: ActionDeps, country: Country, sender: string): Promise<void> {
  const row = await findUserRow(deps.store.db, { username: 'approver' })
  if (!row) return
  if ((await listAlertTemplateRows(deps.store.db, row.org_id, { retired: true }, { limit: 1 })).length > 0)
    return
  const caller = {
    kind: 'user' as const,
    userId: row.id,
    username: 'approver',
    orgId: row.org_id,
    roles: row.roles as Role[],
    sessionId: 'demo-seed',
  }
  for (const template of demoAlertTemplates(country, sender))
    await createAlertTemplate(deps, { caller, ...template, source: 'demo' })
}
