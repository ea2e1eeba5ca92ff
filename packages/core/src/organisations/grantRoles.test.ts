import { describe, expect, it } from 'vitest'
import type { Role } from '../access/roles.ts'
import { allowListFor, defaultPartnerRoles, mayGrantRoles } from './grantRoles.ts'

const centre = { kind: 'centre' as const, grantableRoles: null }
const fire = { kind: 'partner' as const, grantableRoles: defaultPartnerRoles }
const governor = {
  kind: 'partner' as const,
  grantableRoles: [...defaultPartnerRoles, 'crisis-manager', 'alert-author'] as Role[],
}

describe('granting roles', () => {
  it.each([
    ['the centre grants any role', centre, ['admin', 'crisis-manager', 'alert-approver'], []],
    ['a partner grants what its list allows', fire, ['viewer', 'partner', 'duty-officer'], []],
    [
      'a partner does not grant crisis-manager by default',
      fire,
      ['viewer', 'crisis-manager'],
      ['crisis-manager'],
    ],
    ['nor admin or the alert roles', fire, ['admin', 'alert-approver', 'admin'], ['admin', 'alert-approver']],
    ["a governor's office, allowed more by the centre", governor, ['crisis-manager', 'alert-author'], []],
    ['but only what it was allowed', governor, ['alert-approver'], ['alert-approver']],
    ['granting nothing is always allowed', fire, [], []],
  ] as const)('%s', (_name, org, granted, refused) => {
    const decided = mayGrantRoles(org, granted)
    expect(decided).toEqual(
      refused.length === 0
        ? { ok: true, value: undefined }
        : { ok: false, error: { reason: 'not_allowed', roles: refused } },
    )
  })

  it("sets a partner's list from known roles, in the table's order", () => {
    expect(allowListFor(fire, ['partner', 'crisis-manager', 'viewer'])).toEqual({
      ok: true,
      value: ['crisis-manager', 'partner', 'viewer'],
    })
    expect(allowListFor(fire, ['partner', 'mayor'])).toEqual({
      ok: false,
      error: { reason: 'not_a_role', values: ['mayor'] },
    })
    expect(allowListFor(centre, ['viewer'])).toEqual({ ok: false, error: { reason: 'centre_unrestricted' } })
  })
})
