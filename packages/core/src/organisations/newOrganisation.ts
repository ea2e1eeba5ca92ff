import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { Country, Organisation, OrganisationKind } from './Organisation.ts'
import { defaultPartnerRoles } from './grantRoles.ts'
import { countries, organisationKinds } from './Organisation.ts'

export interface NewOrganisationInput {
  readonly code: string
  readonly name: string
  readonly kind: OrganisationKind
  readonly country: Country
}

export type OrganisationRefusal =
  | { readonly reason: 'invalid'; readonly problems: readonly string[] }
  | { readonly reason: 'centre_exists'; readonly centreCode: string }
  | { readonly reason: 'no_centre' }
  | { readonly reason: 'code_taken'; readonly code: string }

const codePattern = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/

export function organisationProblems(input: NewOrganisationInput): string[] {
  const problems: string[] = []
  if (!codePattern.test(input.code)) {
    problems.push(
      `code: '${input.code}' must be 1 to 40 lower-case letters, digits or hyphens, not starting or ending with a hyphen`,
    )
  }
  const name = input.name.trim()
  if (name.length < 2 || name.length > 200) problems.push('name: must be 2 to 200 characters')
  if (!organisationKinds.includes(input.kind)) {
    problems.push(`kind: '${String(input.kind)}' must be one of ${organisationKinds.join(', ')}`)
  }
  if (!countries.includes(input.country)) {
    problems.push(`country: '${String(input.country)}' must be one of ${countries.join(', ')}`)
  }
  return problems
}

/**
 * The rule for adding an organisation to a node: valid fields, one centre per node, partners
 * sit under the centre, codes unique on the node.
 */
export function newOrganisation(
  input: NewOrganisationInput,
  context: {
    readonly id: string
    readonly nodeId: string
    readonly at: Date
    readonly centre: Organisation | null
    readonly codeTaken: boolean
  },
): Result<Organisation, OrganisationRefusal> {
  const problems = organisationProblems(input)
  if (problems.length > 0) return err({ reason: 'invalid', problems })
  if (context.codeTaken) return err({ reason: 'code_taken', code: input.code })
  if (input.kind === 'centre' && context.centre)
    return err({ reason: 'centre_exists', centreCode: context.centre.code })
  if (input.kind === 'partner' && !context.centre) return err({ reason: 'no_centre' })
  return ok({
    id: context.id,
    nodeId: context.nodeId,
    code: input.code,
    name: input.name.trim(),
    kind: input.kind,
    country: input.country,
    parentId: input.kind === 'partner' && context.centre ? context.centre.id : null,
    createdAt: context.at,
    grantableRoles: input.kind === 'partner' ? defaultPartnerRoles : null,
  })
}
