import type { Permission } from '@liaison/core'
import type { Route } from '../router/useHashRoute.ts'

/** The pages in the order of the navigation, each with the permission it needs (null: everyone). */
export const navItems: readonly {
  readonly route: Exclude<Route, 'case'>
  readonly permission: Permission | null
}[] = [
  { route: 'home', permission: null },
  { route: 'cases', permission: null },
  { route: 'handover', permission: null },
  { route: 'map', permission: null },
  { route: 'contacts', permission: null },
  { route: 'plans', permission: null },
  { route: 'calendar', permission: null },
  { route: 'node', permission: null },
  { route: 'users', permission: 'users.manage' },
  { route: 'tokens', permission: 'users.manage' },
  { route: 'audit', permission: 'audit.read' },
]

export function mayVisit(route: Route, permissions: readonly Permission[]): boolean {
  const needed = navItems.find((item) => item.route === route)?.permission ?? null
  return needed === null || permissions.includes(needed)
}
