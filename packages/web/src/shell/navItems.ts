import type { Permission } from '@liaison/core'
import type { PlainRoute, Route } from '../router/useHashRoute.ts'

/** Any one of these permissions opens the alert pages (authors and approvers). */
const alertPermissions: readonly Permission[] = ['alerts.draft', 'alerts.approve']

/**
 * The pages in the order of the navigation, each with the permission it needs (null: everyone;
 * a list: any one of them).
 */
export const navItems: readonly {
  readonly route: PlainRoute
  readonly permission: Permission | readonly Permission[] | null
}[] = [
  { route: 'home', permission: null },
  { route: 'cases', permission: null },
  { route: 'handover', permission: null },
  { route: 'map', permission: null },
  { route: 'contacts', permission: null },
  { route: 'plans', permission: null },
  { route: 'calendar', permission: null },
  { route: 'alerts', permission: alertPermissions },
  { route: 'node', permission: null },
  { route: 'users', permission: 'users.manage' },
  { route: 'tokens', permission: 'users.manage' },
  { route: 'peers', permission: 'users.manage' },
  { route: 'paging', permission: 'users.manage' },
  { route: 'audit', permission: 'audit.read' },
]

/** The pages outside the navigation that need a permission. */
const otherPages: Partial<Record<Route, Permission | readonly Permission[]>> = {
  alert: alertPermissions,
  alertNew: 'alerts.draft',
  alertEdit: alertPermissions,
  alertQueue: 'alerts.approve',
}

export function mayVisit(route: Route, permissions: readonly Permission[]): boolean {
  const needed = navItems.find((item) => item.route === route)?.permission ?? otherPages[route] ?? null
  if (needed === null) return true
  return typeof needed === 'string'
    ? permissions.includes(needed)
    : needed.some((p) => permissions.includes(p))
}
