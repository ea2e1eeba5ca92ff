import type { Organisation } from '@liaison/core'
import type { OrganisationBody } from '@liaison/wire'
import type { Static } from 'typebox'

export function presentOrganisation(org: Organisation): Static<typeof OrganisationBody> {
  return {
    ...org,
    createdAt: org.createdAt.toISOString(),
    grantableRoles: org.grantableRoles === null ? null : [...org.grantableRoles],
  }
}
