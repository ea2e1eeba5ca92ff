import { describe, expect, it } from 'vitest'
import type { Principal } from './Principal.ts'
import { authorize, effectivePermissions } from './authorize.ts'
import type { Permission, Role } from './roles.ts'
import { permissions, permissionsOf, roles } from './roles.ts'

/** The rule table of issue 3, written out once more by hand: a change to either must be deliberate. */
const table: Record<Permission, Role[]> = {
  'users.manage': ['admin'],
  'audit.read': ['admin', 'crisis-manager'],
  'cases.manage': ['duty-officer', 'crisis-manager'],
  'cases.write': ['duty-officer', 'crisis-manager', 'partner'],
  'sitreps.approve': ['crisis-manager'],
  'alerts.draft': ['alert-author'],
  'alerts.approve': ['alert-approver'],
  read: [...roles],
}

const user = (held: Role[], orgId = 'org-a'): Principal => ({
  kind: 'user',
  userId: 'u1',
  username: 'u',
  orgId,
  roles: held,
  sessionId: 's',
})

describe('the rule table', () => {
  const cases = roles.flatMap((role) =>
    permissions.map((permission) => [role, permission, table[permission].includes(role)] as const),
  )
  it.each(cases)('%s may %s: %s', (role, permission, allowed) => {
    expect(authorize(user([role]), permission).ok).toBe(allowed)
    if (!allowed)
      expect(authorize(user([role]), permission)).toEqual({
        ok: false,
        error: { reason: 'forbidden', permission },
      })
  })

  it('adds up the rights of several roles', () => {
    expect(permissionsOf(['alert-author', 'alert-approver'])).toEqual([
      'alerts.draft',
      'alerts.approve',
      'read',
    ])
  })

  it("never reaches another organisation's data", () => {
    expect(authorize(user(['admin']), 'users.manage', 'org-b')).toEqual({
      ok: false,
      error: { reason: 'other_organisation', permission: 'users.manage' },
    })
    expect(authorize(user(['admin']), 'users.manage', 'org-a').ok).toBe(true)
  })
})

describe('API tokens', () => {
  const token = (scopes: Permission[], creatorRoles: Role[]): Principal => ({
    kind: 'token',
    tokenId: 't1',
    tokenName: 'gateway',
    orgId: 'org-a',
    userId: 'u1',
    creatorRoles,
    scopes,
  })

  it('act only within their scopes', () => {
    expect(authorize(token(['read'], ['admin']), 'read').ok).toBe(true)
    expect(authorize(token(['read'], ['admin']), 'users.manage')).toEqual({
      ok: false,
      error: { reason: 'insufficient_scope', permission: 'users.manage' },
    })
  })

  it('lose what their creator loses', () => {
    expect(effectivePermissions(token(['users.manage', 'read'], ['viewer']))).toEqual(['read'])
    expect(authorize(token(['users.manage'], ['viewer']), 'users.manage')).toEqual({
      ok: false,
      error: { reason: 'forbidden', permission: 'users.manage' },
    })
  })
})
