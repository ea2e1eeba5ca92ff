import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addOrganisation } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()
type Session = TestSession & { account: TestUser }

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')
const point = { type: 'Point', coordinates: [5.57, 50.63] }

/**
 * A case's writes, for an organisation removed from it: the one rule in core (mayWriteToCase)
 * refuses every one of them, and nothing is written or sent.
 */
describe.each(engines.map((e) => [e.name, e] as const))(
  'an organisation removed from a case writes nothing more on %s',
  (_name, engine) => {
    let node: TestNode
    let centre: Session
    let fire: Session
    let caseId: string
    const ids = { entry: '', task: '', feature: '', sitrep: '', plan: '' }

    const send = (s: Session, method: string, url: string, payload?: object) =>
      node.app.inject({
        method: method as 'POST',
        url,
        headers: s.headers(),
        ...(payload ? { payload } : {}),
      })

    beforeAll(async () => {
      node = await startTestNode(engine)
      await addOrganisation(node.deps, {
        organisation: { code: 'fire', name: 'Zone de secours Liège', kind: 'partner', country: 'BE' },
        caller: { kind: 'system', label: 'test' },
        source: 'test',
      })
      centre = await signedInAs(node, ['duty-officer', 'crisis-manager'])
      // every permission a case route asks for, so that only taking part decides
      fire = await signedInAs(node, ['duty-officer', 'crisis-manager'], 'fire')

      const opened = await send(centre, 'POST', '/api/v1/cases', {
        kind: 'incident',
        status: 'exercise',
        type: 'flood',
        title: 'Crue de la Meuse à Liège',
        severity: 'major',
        participants: ['fire'],
      })
      expect(opened.statusCode).toBe(201)
      caseId = opened.json<{ id: string }>().id
      // while it takes part, the partner writes an entry, a feature, and gets a task
      const entry = await send(fire, 'POST', `/api/v1/cases/${caseId}/log`, {
        discipline: 'be-d1-rescue',
        source: 'field',
        text: 'Digue fissurée quai de Coronmeuse',
      })
      expect(entry.statusCode).toBe(201)
      ids.entry = entry.json<{ id: string }>().id
      const feature = await send(fire, 'POST', `/api/v1/cases/${caseId}/map`, {
        kind: 'command-post',
        label: 'PC opérationnel',
        geometry: point,
      })
      expect(feature.statusCode).toBe(201)
      ids.feature = feature.json<{ id: string }>().id
      const task = await send(centre, 'POST', `/api/v1/cases/${caseId}/tasks`, {
        title: 'Renforcer la digue',
        assigneeOrg: 'fire',
      })
      expect(task.statusCode).toBe(201)
      ids.task = task.json<{ id: string }>().id
      const sitrep = await send(centre, 'POST', `/api/v1/cases/${caseId}/sitreps`)
      expect(sitrep.statusCode).toBe(201)
      ids.sitrep = sitrep.json<{ id: string }>().id
      const plan = await send(fire, 'POST', '/api/v1/plans', { title: 'Plan inondations Liège' })
      expect(plan.statusCode).toBe(201)
      ids.plan = plan.json<{ id: string }>().id
      // then the centre removes the partner from the case
      const removed = await send(centre, 'PATCH', `/api/v1/cases/${caseId}`, { participants: [] })
      expect(removed.statusCode).toBe(200)
    })
    afterAll(async () => {
      await node.dispose()
    })

    /** Every route that writes to a case, as the partner would call it. */
    const writes: Record<string, () => { url: string; payload?: object; upload?: boolean }> = {
      'POST /api/v1/cases/{id}/log': () => ({
        url: `/api/v1/cases/${caseId}/log`,
        payload: { discipline: 'be-d1-rescue', source: 'field', text: 'Encore une entrée' },
      }),
      'POST /api/v1/cases/{id}/log (a correction)': () => ({
        url: `/api/v1/cases/${caseId}/log`,
        payload: { discipline: 'be-d1-rescue', source: 'field', text: 'Correction', supersedes: ids.entry },
      }),
      'POST /api/v1/log-entries/{id}/attachments': () => ({
        url: `/api/v1/log-entries/${ids.entry}/attachments`,
        upload: true,
      }),
      'POST /api/v1/cases/{id}/tasks': () => ({
        url: `/api/v1/cases/${caseId}/tasks`,
        payload: { title: 'Évacuer Droixhe' },
      }),
      'PATCH /api/v1/tasks/{id}': () => ({ url: `/api/v1/tasks/${ids.task}`, payload: { state: 'done' } }),
      'POST /api/v1/cases/{id}/decisions': () => ({
        url: `/api/v1/cases/${caseId}/decisions`,
        payload: { text: 'Évacuer le quartier', decidedBy: 'Le bourgmestre' },
      }),
      'POST /api/v1/cases/{id}/sitreps': () => ({ url: `/api/v1/cases/${caseId}/sitreps` }),
      // paging from a case (decision 044): only an organisation taking part pages its chain
      'POST /api/v1/cases/{id}/pages': () => ({ url: `/api/v1/cases/${caseId}/pages`, payload: {} }),
      'PATCH /api/v1/sitreps/{id}': () => ({
        url: `/api/v1/sitreps/${ids.sitrep}`,
        payload: { version: 1, needs: 'Sacs de sable' },
      }),
      'POST /api/v1/sitreps/{id}/approve': () => ({
        url: `/api/v1/sitreps/${ids.sitrep}/approve`,
        payload: { version: 1 },
      }),
      'POST /api/v1/cases/{id}/map': () => ({
        url: `/api/v1/cases/${caseId}/map`,
        payload: { kind: 'roadblock', label: 'Barrage', geometry: point },
      }),
      'PUT /api/v1/cases/{id}/map/{featureId}': () => ({
        url: `/api/v1/cases/${caseId}/map/${ids.feature}`,
        payload: { kind: 'command-post', label: 'PC déplacé', geometry: point, version: 1 },
      }),
      'DELETE /api/v1/cases/{id}/map/{featureId}': () => ({
        url: `/api/v1/cases/${caseId}/map/${ids.feature}`,
      }),
      'POST /api/v1/cases/{id}/plans': () => ({
        url: `/api/v1/cases/${caseId}/plans`,
        payload: { planId: ids.plan },
      }),
      'PATCH /api/v1/cases/{id}': () => ({
        url: `/api/v1/cases/${caseId}`,
        payload: { participants: ['fire'] },
      }),
    }

    it("names every route of the OpenAPI document that writes to a case's content", async () => {
      const doc = (await node.app.inject({ url: '/api/docs/json' })).json<{
        paths: Record<string, Record<string, unknown>>
      }>()
      const caseWrites = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => m !== 'get' && m !== 'head')
          .map((m) => `${m.toUpperCase()} ${path}`)
          .filter((route) => /\/(cases\/\{id\}|log-entries|tasks|sitreps)/.test(route)),
      )
      const named = new Set(Object.keys(writes).map((k) => k.replace(/ \(.*\)$/, '')))
      expect(caseWrites.filter((r) => !named.has(r))).toEqual([])
    })

    it.each(Object.keys(writes))('%s answers 403, writes nothing and sends nothing', async (route) => {
      const method = route.split(' ')[0]!
      const { url, payload, upload } = writes[route]!()
      const lastSeq = async () =>
        Number(
          (
            await node.deps.store.db
              .selectFrom('events')
              .select((eb) => eb.fn.max('seq').as('seq'))
              .executeTakeFirstOrThrow()
          ).seq,
        )
      const counts = async () => {
        const db = node.deps.store.db
        const count = async (table: 'log_entries' | 'attachments' | 'tasks' | 'decisions' | 'sitreps') =>
          Number(
            (
              await db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          )
        const feature = await db
          .selectFrom('map_features')
          .select(['version', 'removed_at'])
          .where('id', '=', ids.feature)
          .executeTakeFirstOrThrow()
        const c = await db
          .selectFrom('cases')
          .select('participants')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow()
        const task = await db
          .selectFrom('tasks')
          .select('state')
          .where('id', '=', ids.task)
          .executeTakeFirstOrThrow()
        const sitrep = await db
          .selectFrom('sitreps')
          .select(['version', 'state'])
          .where('id', '=', ids.sitrep)
          .executeTakeFirstOrThrow()
        const plans = await db
          .selectFrom('case_plans')
          .select('plan_id')
          .where('case_id', '=', caseId)
          .execute()
        return {
          entries: await count('log_entries'),
          attachments: await count('attachments'),
          tasks: await count('tasks'),
          decisions: await count('decisions'),
          sitreps: await count('sitreps'),
          feature,
          participants: c.participants,
          task: task.state,
          sitrep,
          plans: plans.length,
        }
      }
      const before = { seq: await lastSeq(), counts: await counts() }
      const response = upload
        ? await node.app.inject({
            method: 'POST',
            url,
            headers: { ...fire.headers(), 'content-type': 'application/pdf', 'x-filename': 'rapport.pdf' },
            payload: pdf,
          })
        : await send(fire, method, url, payload)
      expect({
        status: response.statusCode,
        code: response.json<{ error?: { code: string } }>().error?.code,
      }).toEqual({ status: 403, code: 'other_organisation' })
      expect({ seq: await lastSeq(), counts: await counts() }).toEqual(before)
    })

    it('refuses a batch item for the case, alone, and writes nothing for it', async () => {
      const entriesOfCase = async () =>
        Number(
          (
            await node.deps.store.db
              .selectFrom('log_entries')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('case_id', '=', caseId)
              .executeTakeFirstOrThrow()
          ).n,
        )
      const before = await entriesOfCase()
      const response = await send(fire, 'POST', '/api/v1/log/batch', {
        items: [
          { id: 'left-1', caseId, discipline: 'be-d1-rescue', source: 'field', text: 'Après le départ' },
          { id: 'left-2', discipline: 'be-d1-rescue', source: 'field', text: 'Dans notre journal' },
        ],
      })
      expect(response.statusCode).toBe(200)
      const body = response.json<{ items: { id: string; outcome: string; error?: { code: string } }[] }>()
      expect(body.items.map((i) => [i.id, i.outcome, i.error?.code])).toEqual([
        ['left-1', 'refused', 'other_organisation'],
        ['left-2', 'applied', undefined],
      ])
      expect(await entriesOfCase()).toBe(before)
    })

    it('still lets the owner write after the partner left', async () => {
      const response = await send(centre, 'POST', `/api/v1/cases/${caseId}/log`, {
        discipline: 'be-d5-information',
        source: 'phone',
        text: 'Le partenaire a quitté le dossier',
      })
      expect(response.statusCode).toBe(201)
    })
  },
)
