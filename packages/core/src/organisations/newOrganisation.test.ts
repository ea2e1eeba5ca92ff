import { describe, expect, it } from 'vitest'
import type { Organisation } from './Organisation.ts'
import type { NewOrganisationInput } from './newOrganisation.ts'
import { newOrganisation } from './newOrganisation.ts'

const at = new Date('2026-11-29T08:00:00+01:00')
const centre: Organisation = {
  id: '01a225ba-5799-7873-9099-5091319b2ad3',
  nodeId: 'be',
  code: 'nccn',
  name: 'Centre de crise national',
  kind: 'centre',
  country: 'BE',
  parentId: null,
  createdAt: at,
  grantableRoles: null,
}
const partner: NewOrganisationInput = {
  code: 'police-federale',
  name: 'Police fédérale',
  kind: 'partner',
  country: 'BE',
}
const context = { id: '01a225ba-57af-79d0-b6b2-c8a31ea12d32', nodeId: 'be', at, centre, codeTaken: false }

describe('newOrganisation', () => {
  it('puts a partner under the centre', () => {
    const result = newOrganisation({ ...partner, name: '  Police fédérale ' }, context)
    expect(result).toEqual({
      ok: true,
      value: {
        ...partner,
        id: context.id,
        nodeId: 'be',
        parentId: centre.id,
        createdAt: at,
        // a partner's administrators grant the default roles until the centre allows more
        grantableRoles: ['viewer', 'partner', 'duty-officer'],
      },
    })
  })

  it('creates the centre of a node that has none', () => {
    const result = newOrganisation(
      { code: 'nccn', name: 'NCCN', kind: 'centre', country: 'BE' },
      { ...context, centre: null },
    )
    expect(result.ok && result.value.parentId).toBeNull()
    expect(result.ok && result.value.grantableRoles).toBeNull()
  })

  it.each<[string, Partial<NewOrganisationInput>, string]>([
    ['an upper-case code', { code: 'Police' }, "code: 'Police' must be"],
    ['a code ending with a hyphen', { code: 'police-' }, 'code:'],
    ['a code of 41 characters', { code: 'a'.repeat(41) }, 'code:'],
    ['a one-letter name', { name: 'P' }, 'name: must be 2 to 200 characters'],
    ['a blank name', { name: '    ' }, 'name:'],
    ['an unknown kind', { kind: 'ministry' as never }, "kind: 'ministry' must be one of centre, partner"],
    ['a country outside the Benelux', { country: 'FR' as never }, "country: 'FR' must be one of BE, NL, LU"],
  ])('refuses %s', (_what, change, message) => {
    const result = newOrganisation({ ...partner, ...change }, context)
    expect(result.ok).toBe(false)
    if (!result.ok && result.error.reason === 'invalid')
      expect(result.error.problems.join('\n')).toContain(message)
    else throw new Error(`expected an invalid refusal, got ${JSON.stringify(result)}`)
  })

  it('lists every problem at once', () => {
    const result = newOrganisation(
      { code: 'X', name: '', kind: 'x' as never, country: 'DE' as never },
      context,
    )
    expect(!result.ok && result.error.reason === 'invalid' && result.error.problems).toHaveLength(4)
  })

  it('refuses a second centre, a partner without a centre and a code in use', () => {
    expect(newOrganisation({ ...partner, kind: 'centre' }, context)).toEqual({
      ok: false,
      error: { reason: 'centre_exists', centreCode: 'nccn' },
    })
    expect(newOrganisation(partner, { ...context, centre: null })).toEqual({
      ok: false,
      error: { reason: 'no_centre' },
    })
    expect(newOrganisation(partner, { ...context, codeTaken: true })).toEqual({
      ok: false,
      error: { reason: 'code_taken', code: 'police-federale' },
    })
  })
})
