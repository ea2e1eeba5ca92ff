import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines } from '../support/engines.ts'
import type { TestSession } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()

// Eupen: the German-speaking east of Liège, written in French only
const content = (over: object = {}) => ({
  status: 'Exercise',
  sender: 'alert@nccn.be',
  scope: 'Public',
  channels: ['feed'],
  info: [
    {
      language: 'fr-BE',
      category: ['Met'],
      event: 'Tempête',
      responseType: [],
      urgency: 'Expected',
      severity: 'Moderate',
      certainty: 'Likely',
      eventCode: [],
      headline: 'Vents forts',
      parameter: [],
      resource: [],
      area: [{ areaDesc: 'Eupen', polygon: [], circle: ['50.63,6.03 3'], geocode: [] }],
    },
  ],
  ...over,
})
const override = { languages: ['de'], reason: 'Le texte allemand suit dans une mise à jour dans 10 minutes' }

describe.each(engines.map((e) => [e.name, e] as const))(
  'overriding language warnings on %s',
  (_name, engine) => {
    let node: TestNode
    let author: TestSession
    let approver: TestSession
    beforeAll(async () => {
      node = await startTestNode(engine)
      author = await signedInAs(node, ['alert-author'])
      approver = await signedInAs(node, ['alert-approver'])
    })
    afterAll(async () => {
      await node.dispose()
    })
    const send = (s: TestSession, method: 'POST' | 'PUT', url: string, payload: object) =>
      node.app.inject({ method, url, headers: s.headers(), payload })

    it('keeps the reason on the alert, shows it to the approver and in the history; an edit without it clears it', async () => {
      const drafted = await send(author, 'POST', '/api/v1/alerts', content({ languageOverride: override }))
      expect(drafted.statusCode, drafted.body).toBe(201)
      const alert = drafted.json<{ id: string; version: number; languageOverride: unknown }>()
      expect(alert.languageOverride).toEqual(override)
      const submitted = await send(author, 'POST', `/api/v1/alerts/${alert.id}/submit`, {
        version: alert.version,
      })
      expect(submitted.statusCode, submitted.body).toBe(200)

      const seen = await node.app.inject({ url: `/api/v1/alerts/${alert.id}`, headers: approver.headers() })
      const detail = seen.json<{
        alert: { languageOverride: unknown }
        history: { action: string; details: { languageOverride?: unknown } | null }[]
      }>()
      expect(detail.alert.languageOverride).toEqual(override)
      const said = detail.history
        .filter((h) => h.details?.languageOverride !== undefined)
        .map((h) => h.action)
      expect(said).toEqual(['alert.draft', 'alert.submit'])
      expect(detail.history.find((h) => h.action === 'alert.submit')?.details?.languageOverride).toEqual(
        override,
      )

      // sent back, then edited with the German text: the override goes
      const back = await send(approver, 'POST', `/api/v1/alerts/${alert.id}/return`, {
        version: 1,
        reason: 'ajoutez le texte allemand',
      })
      expect(back.statusCode, back.body).toBe(200)
      const edited = await send(author, 'PUT', `/api/v1/alerts/${alert.id}`, {
        version: 1,
        content: content(),
      })
      expect(edited.statusCode, edited.body).toBe(200)
      expect(edited.json<{ languageOverride: unknown }>().languageOverride).toBeNull()
    })

    it.each([
      [{ languages: ['de'], reason: '' }, 'languageOverride/reason'],
      [{ languages: [], reason: 'why' }, 'languageOverride/languages'],
      [{ languages: ['xx'], reason: 'why' }, 'languageOverride/languages/0'],
      [{ languages: ['de'] }, 'languageOverride'],
      [{ languages: ['de'], reason: 'why', by: 'me' }, 'languageOverride'],
    ])('refuses an override %j, naming %s, and drafts nothing', async (bad, field) => {
      const before = await node.deps.store.db
        .selectFrom('alerts')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
      const refused = await send(author, 'POST', '/api/v1/alerts', content({ languageOverride: bad }))
      expect(refused.statusCode).toBe(400)
      expect(refused.body).toContain(field)
      const after = await node.deps.store.db
        .selectFrom('alerts')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
      expect(after.n).toBe(before.n)
    })
  },
)
