import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addOrganisation } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestSession } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()

interface ErrorAnswer {
  status: number
  code: string | undefined
  reason: string | undefined
  message: string | undefined
}

/** A refusal's error body names the rule that refused (`reason`) beside its code and English message. */
describe.each(engines.map((e) => [e.name, e] as const))(
  'refusal reasons in the error body on %s',
  (_name, engine) => {
    let node: TestNode
    let duty: TestSession
    let crisis: TestSession
    let police: TestSession
    let policeDuty: TestSession
    let fire: TestSession
    let caseId: string

    const answer = (r: { statusCode: number; json(): unknown }): ErrorAnswer => {
      const error = (r.json() as { error?: { code?: string; reason?: string; message?: string } }).error
      return { status: r.statusCode, code: error?.code, reason: error?.reason, message: error?.message }
    }
    const send = (s: TestSession, method: 'POST' | 'PATCH', url: string, payload?: object) =>
      node.app.inject({ method, url, ...(payload ? { payload } : {}), headers: s.headers() })

    beforeAll(async () => {
      node = await startTestNode(engine)
      for (const code of ['police', 'fire'])
        await addOrganisation(node.deps, {
          organisation: { code, name: `Partner ${code}`, kind: 'partner', country: 'BE' },
          caller: { kind: 'system', label: 'test' },
          source: 'test',
        })
      duty = await signedInAs(node, ['duty-officer'])
      crisis = await signedInAs(node, ['crisis-manager'])
      police = await signedInAs(node, ['partner'], 'police')
      policeDuty = await signedInAs(node, ['duty-officer'], 'police')
      fire = await signedInAs(node, ['duty-officer'], 'fire')
      caseId = (
        await send(duty, 'POST', '/api/v1/cases', {
          kind: 'incident',
          status: 'actual',
          type: 'flood',
          title: 'Crue de la Vesdre',
          severity: 'major',
          participants: ['police'],
        })
      ).json<{ id: string }>().id
    })
    afterAll(async () => {
      await node.dispose()
    })

    it('says not_participant to an organisation outside the case, for a write and for a read', async () => {
      const log = { discipline: 'be-d1-rescue', source: 'radio', text: 'hors dossier' }
      expect(answer(await send(fire, 'POST', `/api/v1/cases/${caseId}/log`, log))).toMatchObject({
        status: 403,
        code: 'other_organisation',
        reason: 'not_participant',
        message: 'your organisation does not take part in this case',
      })
      expect(
        answer(await node.app.inject({ url: `/api/v1/cases/${caseId}`, headers: fire.headers() })),
      ).toMatchObject({ status: 403, code: 'other_organisation', reason: 'not_participant' })
    })

    it("says not_owner to a participant changing the owner's case", async () => {
      expect(
        answer(await send(policeDuty, 'PATCH', `/api/v1/cases/${caseId}`, { state: 'closed' })),
      ).toMatchObject({
        status: 403,
        code: 'other_organisation',
        reason: 'not_owner',
      })
    })

    it('says stale_version to an edit of a report from an older version, and sitrep_frozen after approval', async () => {
      const report = (await send(duty, 'POST', `/api/v1/cases/${caseId}/sitreps`)).json<{ id: string }>()
      expect(answer(await send(duty, 'POST', `/api/v1/cases/${caseId}/sitreps`))).toMatchObject({
        status: 409,
        reason: 'previous_sitrep_draft',
      })
      expect(
        (await send(duty, 'PATCH', `/api/v1/sitreps/${report.id}`, { version: 1, needs: 'pompes' }))
          .statusCode,
      ).toBe(200)
      expect(
        answer(await send(duty, 'PATCH', `/api/v1/sitreps/${report.id}`, { version: 1, needs: 'x' })),
      ).toMatchObject({
        status: 409,
        code: 'conflict',
        reason: 'stale_version',
      })
      expect(
        (await send(crisis, 'POST', `/api/v1/sitreps/${report.id}/approve`, { version: 2 })).statusCode,
      ).toBe(200)
      expect(
        answer(await send(crisis, 'POST', `/api/v1/sitreps/${report.id}/approve`, { version: 2 })),
      ).toMatchObject({
        status: 409,
        reason: 'already_approved',
      })
      expect(
        answer(await send(duty, 'PATCH', `/api/v1/sitreps/${report.id}`, { version: 2, needs: 'x' })),
      ).toMatchObject({
        status: 409,
        reason: 'sitrep_frozen',
      })
    })

    it('says invalid_transition for a task moved where its state machine does not go', async () => {
      const task = (
        await send(duty, 'POST', `/api/v1/cases/${caseId}/tasks`, { title: 'Pompes', assigneeOrg: 'police' })
      ).json<{ id: string }>()
      expect((await send(police, 'PATCH', `/api/v1/tasks/${task.id}`, { state: 'done' })).statusCode).toBe(
        200,
      )
      expect(
        answer(await send(police, 'PATCH', `/api/v1/tasks/${task.id}`, { state: 'cancelled' })),
      ).toMatchObject({
        status: 409,
        code: 'conflict',
        reason: 'invalid_transition',
      })
      expect(answer(await send(fire, 'PATCH', `/api/v1/tasks/${task.id}`, { state: 'open' }))).toMatchObject({
        status: 403,
        reason: 'not_participant',
      })
    })

    it('says case_closed to a write to a closed case, and no_change to closing it twice; the audit keeps the reason', async () => {
      expect((await send(duty, 'PATCH', `/api/v1/cases/${caseId}`, { state: 'closed' })).statusCode).toBe(200)
      expect(answer(await send(duty, 'PATCH', `/api/v1/cases/${caseId}`, { state: 'closed' }))).toMatchObject(
        {
          status: 409,
          code: 'conflict',
          reason: 'no_change',
        },
      )
      const late = { discipline: 'be-d3-police', source: 'radio', text: 'trop tard' }
      expect(answer(await send(police, 'POST', `/api/v1/cases/${caseId}/log`, late))).toEqual({
        status: 409,
        code: 'conflict',
        reason: 'case_closed',
        message: 'this case is closed; re-open it first',
      })
      const audited = await node.deps.store.db
        .selectFrom('audit')
        .select(['action', 'code', 'details'])
        .where('outcome', '=', 'refused')
        .where('action', '=', 'log.append')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow()
      expect(audited).toMatchObject({ code: 'conflict', details: { reason: 'case_closed' } })
    })

    it('gives no reason for an error that no rule made', async () => {
      const missing = answer(
        await node.app.inject({ url: `/api/v1/cases/${crypto.randomUUID()}`, headers: duty.headers() }),
      )
      expect(missing).toMatchObject({ status: 404, code: 'not_found', reason: undefined })
    })
  },
)
