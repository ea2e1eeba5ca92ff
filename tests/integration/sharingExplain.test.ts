import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addOrganisation } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()
type Session = TestSession & { account: TestUser }
interface Explained {
  organisations: { id: string; code: string; nodeId: string; sees: boolean; reason: string }[]
  peers: unknown[]
}

/** POST /api/v1/sharing/explain on the node's own organisations and cases, as a case's participants change. */
describe.each(engines.map((e) => [e.name, e] as const))('explain on %s', (_name, engine) => {
  let node: TestNode
  let centre: Session
  let fire: Session
  let police: Session
  let caseId: string

  const explain = (s: Session, payload: object) =>
    node.app.inject({ method: 'POST', url: '/api/v1/sharing/explain', headers: s.headers(), payload })
  const verdicts = async (s: Session, payload: object) => {
    const res = await explain(s, payload)
    expect(res.statusCode).toBe(200)
    const body = res.json<Explained>()
    return Object.fromEntries(
      body.organisations.map((o) => [o.code, `${o.sees ? 'sees' : 'not'}: ${o.reason}`]),
    )
  }

  beforeAll(async () => {
    node = await startTestNode(engine)
    for (const [code, name] of [
      ['fire', 'Zone de secours Liège'],
      ['police', 'Police Liège'],
    ] as const)
      await addOrganisation(node.deps, {
        organisation: { code, name, kind: 'partner', country: 'BE' },
        caller: { kind: 'system', label: 'test' },
        source: 'test',
      })
    centre = await signedInAs(node, ['duty-officer', 'crisis-manager'])
    fire = await signedInAs(node, ['duty-officer'], 'fire')
    police = await signedInAs(node, ['duty-officer'], 'police')
    const opened = await node.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: centre.headers(),
      payload: { kind: 'incident', status: 'exercise', type: 'flood', title: 'Crue', severity: 'major' },
    })
    expect(opened.statusCode).toBe(201)
    caseId = opened.json<{ id: string }>().id
  })
  afterAll(async () => {
    await node?.dispose()
  })

  it('answers per organisation whether it sees the item and why, as the participants change', async () => {
    const draft = { distribution: { kind: 'case', caseId }, tlp: 'AMBER', status: 'exercise', caseId }
    const centreCode = 'centre'
    expect(await verdicts(centre, draft)).toEqual({
      [centreCode]: 'sees: owner',
      fire: 'not: not_case_participant',
      police: 'not: not_case_participant',
    })
    const joined = await node.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${caseId}`,
      headers: centre.headers(),
      payload: { participants: ['fire'] },
    })
    expect(joined.statusCode).toBe(200)
    expect(await verdicts(centre, draft)).toMatchObject({
      fire: 'sees: case_participant',
      police: 'not: not_case_participant',
    })
    // a participant explains its own draft: it owns it, the centre sees it as the case's owner
    expect(await verdicts(fire, draft)).toEqual({
      [centreCode]: 'sees: case_participant',
      fire: 'sees: owner',
      police: 'not: not_case_participant',
    })
  })

  it('explains the levels that need no case, and TLP:RED', async () => {
    const national = { distribution: { kind: 'national' }, tlp: 'GREEN', status: 'actual' }
    expect(await verdicts(police, national)).toMatchObject({ fire: 'sees: national', police: 'sees: owner' })
    expect(await verdicts(police, { ...national, tlp: 'RED' })).toMatchObject({
      fire: 'not: red_named_only',
      police: 'sees: owner',
    })
    expect(await verdicts(police, { ...national, distribution: { kind: 'federation' } })).toMatchObject({
      ['centre']: 'sees: origin_centre',
      fire: 'not: centre_only',
    })
    expect((await explain(police, national)).json<Explained>().peers).toEqual([])
  })

  it('refuses a case the caller does not take part in, an unknown case, and a mixed status', async () => {
    const onCase = { distribution: { kind: 'case', caseId }, tlp: 'GREEN', status: 'exercise' }
    const refused = await explain(police, onCase)
    expect(refused.statusCode).toBe(403)
    expect(refused.json<{ error: { reason: string } }>().error.reason).toBe('not_participant')
    const unknown = await explain(centre, { ...onCase, distribution: { kind: 'case', caseId: randomUUID() } })
    expect(unknown.statusCode).toBe(404)
    const mixed = await explain(centre, { ...onCase, status: 'actual', caseId })
    expect(mixed.statusCode).toBe(400)
    expect(mixed.body).toContain('status')
  })

  it.each([
    ['no distribution', { tlp: 'GREEN', status: 'actual' }, 'distribution'],
    [
      'an unknown kind',
      { distribution: { kind: 'everyone' }, tlp: 'GREEN', status: 'actual' },
      'distribution',
    ],
    [
      'a case id that is no uuid',
      { distribution: { kind: 'case', caseId: 'x' }, tlp: 'GREEN', status: 'actual' },
      'distribution',
    ],
    ['an unknown TLP', { distribution: { kind: 'national' }, tlp: 'PURPLE', status: 'actual' }, 'tlp'],
    ['an unknown status', { distribution: { kind: 'national' }, tlp: 'GREEN', status: 'drill' }, 'status'],
    [
      'no neighbours',
      { distribution: { kind: 'neighbours', nodes: [] }, tlp: 'GREEN', status: 'actual' },
      'distribution',
    ],
  ])('answers 400 naming the field for %s', async (_label, payload, field) => {
    const res = await explain(centre, payload)
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain(field)
  })
})
