import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addOrganisation } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import { openSse } from '../support/sseClient.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()
type Session = TestSession & { account: TestUser }

describe.each(engines.map((e) => [e.name, e] as const))('cases and the main log on %s', (_name, engine) => {
  let node: TestNode
  let duty: Session
  let viewer: Session
  let police: Session
  let fire: Session
  let caseId: string

  const errorOf = (r: { statusCode: number; json(): unknown }) => ({
    status: r.statusCode,
    code: (r.json() as { error?: { code: string } }).error?.code,
  })
  const post = (s: Session, url: string, payload: object) =>
    node.app.inject({ method: 'POST', url, payload, headers: s.headers() })
  const get = (s: Session, url: string) => node.app.inject({ url, headers: s.headers() })

  beforeAll(async () => {
    node = await startTestNode(engine, { listen: true, config: { 'http.host': '127.0.0.1' } })
    for (const [code, name] of [
      ['police', 'Police fédérale'],
      ['fire', 'Zone de secours Liège'],
    ])
      await addOrganisation(node.deps, {
        organisation: { code: code!, name: name!, kind: 'partner', country: 'BE' },
        caller: { kind: 'system', label: 'test' },
        source: 'test',
      })
    duty = await signedInAs(node, ['duty-officer'])
    viewer = await signedInAs(node, ['viewer'])
    police = await signedInAs(node, ['partner'], 'police')
    fire = await signedInAs(node, ['duty-officer'], 'fire')
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('opens an exercise case with its scaling level and the equivalents beside it', async () => {
    const response = await post(duty, '/api/v1/cases', {
      kind: 'incident',
      status: 'exercise',
      type: 'chemical-release',
      title: 'Exercice: fuite de chlore à Visé',
      severity: 'major',
      location: { lon: 5.69, lat: 50.74 },
      disciplines: ['be-d1-rescue', 'be-d2-medical', 'be-d3-police'],
      scaling: { doctrine: 'BE', level: 'provincial' },
      participants: ['police'],
    })
    expect(response.statusCode).toBe(201)
    const c = response.json<{ id: string; status: string; state: string; scalingCrosswalk: object }>()
    expect(c).toMatchObject({
      status: 'exercise',
      state: 'open',
      scalingCrosswalk: { BE: 'provincial', NL: 'GRIP 4', LU: '1' },
    })
    caseId = c.id
  })

  it.each([
    [
      'an unknown scaling level',
      { scaling: { doctrine: 'NL', level: 'GRIP 9' } },
      'not a level of the NL doctrine',
    ],
    ['an unknown participant', { participants: ['nobody'] }, "no organisation with code or id 'nobody'"],
    [
      'an end before the start',
      { startsAt: '2026-11-29T10:00:00Z', endsAt: '2026-11-29T09:00:00Z' },
      'endsAt: must not be before startsAt',
    ],
  ])('refuses %s', async (_what, change, message) => {
    const response = await post(duty, '/api/v1/cases', {
      kind: 'incident',
      status: 'actual',
      type: 'flood',
      title: 'Crue de la Meuse',
      severity: 'major',
      ...change,
    })
    expect(errorOf(response)).toEqual({ status: 400, code: 'validation_failed' })
    expect(response.json<{ error: { message: string } }>().error.message).toContain(message)
  })

  it('shows a case to its owner and participants only', async () => {
    expect((await get(police, `/api/v1/cases/${caseId}`)).statusCode).toBe(200)
    expect(errorOf(await get(fire, `/api/v1/cases/${caseId}`))).toEqual({
      status: 403,
      code: 'other_organisation',
    })
    expect(errorOf(await get(fire, `/api/v1/cases/${caseId}/log`))).toEqual({
      status: 403,
      code: 'other_organisation',
    })
    expect((await get(fire, '/api/v1/cases')).json<{ items: unknown[] }>().items).toEqual([])
    const audited = await node.deps.store.db
      .selectFrom('audit')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(2)
      .execute()
    expect(audited.map((a) => `${a.action}:${a.code}:${a.actor}`)).toEqual([
      `http:GET /api/v1/cases/:id/log:other_organisation:user:${fire.account.user.username}`,
      `http:GET /api/v1/cases/:id:other_organisation:user:${fire.account.user.username}`,
    ])
    expect(
      (await get(police, '/api/v1/cases')).json<{ items: { id: string }[] }>().items.map((c) => c.id),
    ).toEqual([caseId])
  })

  it('takes log entries from those taking part, keeps corrections beside the original, and searches accent-blind', async () => {
    const first = await post(police, `/api/v1/cases/${caseId}/log`, {
      discipline: 'be-d3-police',
      source: 'radio',
      text: 'Périmètre fermé rue de Liège, 300 m',
    })
    expect(first.statusCode).toBe(201)
    const firstId = first.json<{ id: string }>().id
    const correction = await post(police, `/api/v1/cases/${caseId}/log`, {
      discipline: 'be-d3-police',
      source: 'radio',
      text: 'Correction: périmètre de 500 m, pas 300 m',
      supersedes: firstId,
    })
    expect(correction.statusCode).toBe(201)
    await post(duty, `/api/v1/cases/${caseId}/log`, {
      discipline: 'be-d2-medical',
      source: 'phone',
      text: 'Trois victimes légères évacuées vers le CHR',
      occurredAt: '2026-11-29T05:00:00Z',
    })
    const log = (await get(duty, `/api/v1/cases/${caseId}/log`)).json<{
      items: { id: string; text: string; supersededBy: string | null }[]
    }>().items
    expect(log).toHaveLength(3)
    // newest first, by when it happened: the entry dated earliest comes last
    expect(log.at(-1)!.text).toContain('Trois victimes')
    expect(log.find((e) => e.id === firstId)?.supersededBy).toBe(correction.json<{ id: string }>().id)
    const police2 = (await get(duty, `/api/v1/cases/${caseId}/log?discipline=be-d3-police`)).json<{
      items: unknown[]
    }>().items
    expect(police2).toHaveLength(2)
    const found = (
      await get(duty, `/api/v1/cases/${caseId}/log?q=${encodeURIComponent('PERIMETRE liege')}`)
    ).json<{ items: { id: string; supersededBy: string | null }[] }>().items
    expect(found.map((e) => e.id)).toEqual([firstId])
    // the correction is not among the results, yet the entry says it was corrected
    const correctionId = correction.json<{ id: string }>().id
    expect(found[0]?.supersededBy).toBe(correctionId)
    const everywhere = (await get(police, `/api/v1/log/search?q=victimes`)).json<{ items: unknown[] }>().items
    expect(everywhere).toHaveLength(1)
    const searched = (await get(police, `/api/v1/log/search?q=${encodeURIComponent('rue de liège')}`)).json<{
      items: { id: string; supersededBy: string | null }[]
    }>().items
    expect(searched).toEqual([expect.objectContaining({ id: firstId, supersededBy: correctionId })])
    expect((await get(fire, `/api/v1/log/search?q=victimes`)).json<{ items: unknown[] }>().items).toEqual([])
  })

  it.each([
    ['a viewer', () => viewer, 403, 'forbidden'],
    ['an organisation not taking part', () => fire, 403, 'other_organisation'],
  ])('refuses log entries from %s', async (_what, who, status, code) => {
    expect(
      errorOf(
        await post(who(), `/api/v1/cases/${caseId}/log`, {
          discipline: 'multidisciplinary',
          source: 'phone',
          text: 'x',
        }),
      ),
    ).toEqual({ status, code })
  })

  it('refuses a correction of an entry from another log, and an entry from the future', async () => {
    const daily = await post(duty, '/api/v1/log', {
      discipline: 'multidisciplinary',
      source: 'phone',
      text: 'Appel du CIC de Liège: calme',
    })
    expect(daily.statusCode).toBe(201)
    const wrong = await post(duty, `/api/v1/cases/${caseId}/log`, {
      discipline: 'multidisciplinary',
      source: 'phone',
      text: 'x',
      supersedes: daily.json<{ id: string }>().id,
    })
    expect(wrong.json<{ error: { message: string } }>().error.message).toContain(
      'supersedes: no such entry in this log',
    )
    const future = await post(duty, '/api/v1/log', {
      discipline: 'multidisciplinary',
      source: 'phone',
      text: 'x',
      occurredAt: '2099-01-01T00:00:00Z',
    })
    expect(future.json<{ error: { message: string } }>().error.message).toContain('must not be in the future')
  })

  it('keeps the daily log within the organisation', async () => {
    expect((await get(duty, '/api/v1/log')).json<{ items: unknown[] }>().items).toHaveLength(1)
    expect((await get(police, '/api/v1/log')).json<{ items: unknown[] }>().items).toHaveLength(0)
  })

  it('is closed and re-opened by its owner only; a closed case takes no entries', async () => {
    expect(
      errorOf(
        await node.app.inject({
          method: 'PATCH',
          url: `/api/v1/cases/${caseId}`,
          payload: { state: 'closed' },
          headers: police.headers(),
        }),
      ),
    ).toEqual({ status: 403, code: 'forbidden' })
    // a duty officer of an organisation taking part may not close another's case either
    const policeDuty = await signedInAs(node, ['duty-officer'], 'police')
    expect(
      errorOf(
        await node.app.inject({
          method: 'PATCH',
          url: `/api/v1/cases/${caseId}`,
          payload: { state: 'closed' },
          headers: policeDuty.headers(),
        }),
      ),
    ).toEqual({ status: 403, code: 'other_organisation' })
    const closed = await node.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${caseId}`,
      payload: { state: 'closed' },
      headers: duty.headers(),
    })
    expect(closed.json()).toMatchObject({ state: 'closed' })
    expect(
      errorOf(
        await post(police, `/api/v1/cases/${caseId}/log`, {
          discipline: 'be-d3-police',
          source: 'radio',
          text: 'late',
        }),
      ),
    ).toEqual({ status: 409, code: 'conflict' })
    const reopened = await node.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${caseId}`,
      payload: { state: 'open' },
      headers: duty.headers(),
    })
    expect(reopened.json()).toMatchObject({ state: 'open' })
    const audit = await node.deps.store.db
      .selectFrom('audit')
      .select(['action', 'outcome', 'code'])
      .where('target', '=', caseId)
      .where('action', 'like', 'case.%')
      .orderBy('seq')
      .execute()
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual([
      'case.open:ok',
      'case.close:refused',
      'case.close:ok',
      'case.reopen:ok',
    ])
    expect(audit[1]?.code).toBe('other_organisation')
  })

  it("streams a case's events to those taking part, and not to others", async () => {
    const seePolice = await openSse(`${node.url}/api/v1/stream?after=0`, { cookie: police.cookie })
    const seeFire = await openSse(`${node.url}/api/v1/stream?after=0`, { cookie: fire.cookie })
    await post(duty, `/api/v1/cases/${caseId}/log`, {
      discipline: 'be-d5-information',
      source: 'media',
      text: 'Communiqué de presse diffusé',
    })
    const arrived = () => seePolice.messages.some((m) => m.data.includes('Communiqué de presse'))
    for (let i = 0; i < 100 && !arrived(); i++) await new Promise((r) => setTimeout(r, 20))
    const last = seePolice.messages.at(-1)!
    expect(JSON.parse(last.data)).toMatchObject({
      kind: 'log-entry.appended',
      body: { entry: { text: 'Communiqué de presse diffusé' } },
    })
    // fire saw the organisations (node-wide) but nothing of the case it does not take part in
    expect(seeFire.messages.length).toBeGreaterThan(0)
    expect(seeFire.messages.filter((m) => m.event !== 'organisation.added')).toEqual([])
    await Promise.all([seePolice.close(), seeFire.close()])
  })

  it('takes participants by code or by id, so a list read can be sent back as it is', async () => {
    const opened = (
      await post(duty, '/api/v1/cases', {
        kind: 'incident',
        status: 'actual',
        type: 'flood',
        title: 'Crue de la Vesdre',
        severity: 'moderate',
        participants: ['police'],
      })
    ).json<{ id: string; participants: string[] }>()
    const patch = (participants: string[]) =>
      node.app.inject({
        method: 'PATCH',
        url: `/api/v1/cases/${opened.id}`,
        payload: { participants },
        headers: duty.headers(),
      })
    const widened = (await patch([...opened.participants, 'fire'])).json<{ participants: string[] }>()
    expect(widened.participants).toHaveLength(2)
    expect(widened.participants).toContain(opened.participants[0])
    expect((await get(fire, `/api/v1/cases/${opened.id}`)).statusCode).toBe(200)
    const again = (await patch(widened.participants)).json<{ participants: string[] }>()
    expect(again.participants).toEqual(widened.participants)
    expect(errorOf(await patch(['01890000-0000-7000-8000-000000000000']))).toEqual({
      status: 400,
      code: 'validation_failed',
    })
  })

  it('lists the cases a page at a time, latest start first, without losing or repeating one', async () => {
    type Page = { items: { id: string; startsAt: string }[]; next: string | null }
    for (const startsAt of ['2026-12-05T09:00:00Z', '2026-12-05T09:00:00Z', '2026-12-24T18:00:00Z']) {
      await post(duty, '/api/v1/cases', {
        kind: 'planned-event',
        status: 'actual',
        type: 'mass-gathering',
        title: 'Marché de Noël',
        severity: 'minor',
        startsAt,
      })
    }
    const all = (await get(duty, '/api/v1/cases')).json<Page>()
    expect(all.items.length).toBeGreaterThanOrEqual(5)
    expect(all.next).toBeNull()
    const seen: string[] = []
    let next: string | null = null
    do {
      const page: Page = (
        await get(duty, `/api/v1/cases?limit=2${next ? `&after=${next}` : ''}`)
      ).json<Page>()
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((c) => c.id))
      next = page.next
    } while (next)
    expect(seen).toEqual(all.items.map((c) => c.id))
    const starts = all.items.map((c) => c.startsAt)
    expect([...starts].sort().reverse()).toEqual(starts)
    // a case id is no cursor: the cursor is opaque
    const fireCase = (
      await post(fire, '/api/v1/cases', {
        kind: 'incident',
        status: 'actual',
        type: 'fire',
        title: 'Feu de broussailles',
        severity: 'minor',
      })
    ).json<{ id: string }>().id
    expect(errorOf(await get(duty, `/api/v1/cases?after=${fireCase}`))).toEqual({
      status: 400,
      code: 'validation_failed',
    })
  })
})

describe.each(engines.map((e) => [e.name, e] as const))('tasks and decisions on %s', (_name, engine) => {
  let node: TestNode
  let duty: Session
  let police: Session
  let fire: Session
  let caseId: string
  let entryId: string
  const errorOf = (r: { statusCode: number; json(): unknown }) => ({
    status: r.statusCode,
    code: (r.json() as { error?: { code: string } }).error?.code,
  })
  const send = (s: Session, method: 'POST' | 'PATCH', url: string, payload: object) =>
    node.app.inject({ method, url, payload, headers: s.headers() })
  const get = (s: Session, url: string) => node.app.inject({ url, headers: s.headers() })

  beforeAll(async () => {
    node = await startTestNode(engine)
    for (const code of ['police', 'fire'])
      await addOrganisation(node.deps, {
        organisation: { code, name: `Partner ${code}`, kind: 'partner', country: 'BE' },
        caller: { kind: 'system', label: 'test' },
        source: 'test',
      })
    duty = await signedInAs(node, ['duty-officer'])
    police = await signedInAs(node, ['partner'], 'police')
    fire = await signedInAs(node, ['partner'], 'fire')
    const c = await send(duty, 'POST', '/api/v1/cases', {
      kind: 'planned-event',
      status: 'actual',
      type: 'vip-visit',
      title: 'Visite d’État à Bruxelles',
      severity: 'moderate',
      participants: ['police'],
    })
    caseId = c.json<{ id: string }>().id
    entryId = (
      await send(police, 'POST', `/api/v1/cases/${caseId}/log`, {
        discipline: 'be-d3-police',
        source: 'phone',
        text: 'Escorte demandée pour 14h',
      })
    ).json<{ id: string }>().id
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('promotes a log entry to a task for a partner, flags it overdue, and lets the partner finish it', async () => {
    const created = await send(duty, 'POST', `/api/v1/cases/${caseId}/tasks`, {
      title: 'Escorte motocycliste',
      assigneeOrg: 'police',
      dueAt: '2026-01-01T13:00:00Z',
      priority: 'high',
      fromLogEntry: entryId,
    })
    expect(created.statusCode).toBe(201)
    const task = created.json<{ id: string; overdue: boolean; fromLogEntry: string }>()
    expect(task).toMatchObject({ overdue: true, fromLogEntry: entryId, state: 'open' })
    expect(
      (await get(police, '/api/v1/tasks/overdue')).json<{ items: { id: string }[] }>().items.map((t) => t.id),
    ).toEqual([task.id])
    expect((await get(fire, '/api/v1/tasks/overdue')).json<{ items: unknown[] }>().items).toEqual([])
    expect(errorOf(await send(fire, 'PATCH', `/api/v1/tasks/${task.id}`, { state: 'done' }))).toEqual({
      status: 403,
      code: 'other_organisation',
    })
    const done = await send(police, 'PATCH', `/api/v1/tasks/${task.id}`, { state: 'done' })
    expect(done.json()).toMatchObject({ state: 'done', overdue: false })
    expect((await get(duty, '/api/v1/tasks/overdue')).json<{ items: unknown[] }>().items).toEqual([])
  })

  it('refuses a task for an organisation not taking part', async () => {
    const response = await send(duty, 'POST', `/api/v1/cases/${caseId}/tasks`, {
      title: 'Pompiers en attente',
      assigneeOrg: 'fire',
    })
    expect(errorOf(response)).toEqual({ status: 400, code: 'validation_failed' })
    expect(response.json<{ error: { message: string } }>().error.message).toContain(
      "'fire' does not take part in this case",
    )
  })

  it('records decisions by those who manage cases only', async () => {
    expect(
      errorOf(
        await send(police, 'POST', `/api/v1/cases/${caseId}/decisions`, {
          text: 'Fermer la E40',
          decidedBy: 'Chef de zone',
        }),
      ),
    ).toEqual({ status: 403, code: 'forbidden' })
    const recorded = await send(duty, 'POST', `/api/v1/cases/${caseId}/decisions`, {
      text: 'Fermer le boulevard de l’Empereur de 13h30 à 15h',
      decidedBy: 'Directeur Dir-PC-Ops',
      rationale: 'Passage du cortège',
      fromLogEntry: entryId,
    })
    expect(recorded.statusCode).toBe(201)
    const register = (await get(police, `/api/v1/cases/${caseId}/decisions`)).json<{
      items: { decidedBy: string }[]
    }>().items
    expect(register).toMatchObject([{ decidedBy: 'Directeur Dir-PC-Ops' }])
  })
})

describe.each(engines.map((e) => [e.name, e] as const))('situation reports on %s', (_name, engine) => {
  let node: TestNode
  let duty: Session
  let crisis: Session
  let police: Session
  let caseId: string
  const errorOf = (r: { statusCode: number; json(): unknown }) => ({
    status: r.statusCode,
    code: (r.json() as { error?: { code: string } }).error?.code,
  })
  const send = (s: Session, method: 'POST' | 'PATCH', url: string, payload?: object) =>
    node.app.inject({ method, url, ...(payload ? { payload } : {}), headers: s.headers() })
  type Report = { id: string; number: number; version: number; state: string; conditions: string }

  beforeAll(async () => {
    node = await startTestNode(engine)
    await addOrganisation(node.deps, {
      organisation: { code: 'police', name: 'Police', kind: 'partner', country: 'BE' },
      caller: { kind: 'system', label: 'test' },
      source: 'test',
    })
    duty = await signedInAs(node, ['duty-officer'])
    crisis = await signedInAs(node, ['crisis-manager'])
    police = await signedInAs(node, ['partner'], 'police')
    caseId = (
      await send(duty, 'POST', '/api/v1/cases', {
        kind: 'incident',
        status: 'actual',
        type: 'flood',
        title: 'Crue de la Vesdre',
        severity: 'critical',
        participants: ['police'],
      })
    ).json<{ id: string }>().id
    await send(police, 'POST', `/api/v1/cases/${caseId}/log`, {
      discipline: 'be-d3-police',
      source: 'radio',
      text: 'Route N61 fermée à Pepinster',
    })
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('drafts from the log, versions each edit, refuses a stale edit, and freezes on approval', async () => {
    const drafted = await send(duty, 'POST', `/api/v1/cases/${caseId}/sitreps`)
    expect(drafted.statusCode).toBe(201)
    const report = drafted.json<Report>()
    expect(report).toMatchObject({ number: 1, version: 1, state: 'draft' })
    expect(report.conditions).toContain('Route N61 fermée à Pepinster')
    expect(errorOf(await send(duty, 'POST', `/api/v1/cases/${caseId}/sitreps`))).toEqual({
      status: 409,
      code: 'conflict',
    })

    const edited = await send(duty, 'PATCH', `/api/v1/sitreps/${report.id}`, {
      version: 1,
      needs: 'Pompes de grande capacité',
      casualties: { dead: 0, injured: 4, missing: 1, evacuated: 230 },
    })
    expect(edited.json()).toMatchObject({ version: 2, needs: 'Pompes de grande capacité' })
    const stale = await send(duty, 'PATCH', `/api/v1/sitreps/${report.id}`, {
      version: 1,
      needs: 'overwrite',
    })
    expect(errorOf(stale)).toEqual({ status: 409, code: 'conflict' })

    expect(errorOf(await send(duty, 'POST', `/api/v1/sitreps/${report.id}/approve`, { version: 2 }))).toEqual(
      { status: 403, code: 'forbidden' },
    )
    const approved = await send(crisis, 'POST', `/api/v1/sitreps/${report.id}/approve`, { version: 2 })
    expect(approved.json()).toMatchObject({ state: 'approved', version: 2 })
    expect(
      errorOf(await send(duty, 'PATCH', `/api/v1/sitreps/${report.id}`, { version: 2, needs: 'late' })),
    ).toEqual({ status: 409, code: 'conflict' })
    const versions = (
      await node.app.inject({ url: `/api/v1/sitreps/${report.id}/versions`, headers: police.headers() })
    ).json<{ items: { version: number; content: { needs: string }; replacedByName: string }[] }>().items
    expect(versions).toMatchObject([
      { version: 1, content: { needs: '' }, replacedByName: `Test ${duty.account.user.username}` },
    ])
    // every screen of the case learns of the edit: one event per version, for the case's audience
    const revised = await node.deps.store.db
      .selectFrom('events')
      .select(['kind', 'audience', 'body'])
      .where('subject', '=', report.id)
      .orderBy('seq')
      .execute()
    expect(revised.map((e) => e.kind)).toEqual(['sitrep.drafted', 'sitrep.revised', 'sitrep.approved'])
    expect((revised[1]?.body as { sitrep: { version: number } }).sitrep.version).toBe(2)

    await send(police, 'POST', `/api/v1/cases/${caseId}/log`, {
      discipline: 'be-d3-police',
      source: 'radio',
      text: 'N61 rouverte',
    })
    const second = (await send(duty, 'POST', `/api/v1/cases/${caseId}/sitreps`)).json<Report>()
    expect(second.number).toBe(2)
    expect(second.conditions).toContain('N61 rouverte')
    expect(second.conditions).not.toContain('fermée')
  })

  it('exports EDXL-SitRep JSON and a printable page to those taking part', async () => {
    const first = (
      await node.app.inject({ url: `/api/v1/cases/${caseId}/sitreps`, headers: police.headers() })
    )
      .json<{ items: Report[] }>()
      .items.find((r) => r.number === 1)
    const edxl = await node.app.inject({
      url: `/api/v1/sitreps/${first!.id}/edxl`,
      headers: police.headers(),
    })
    expect(edxl.json()).toMatchObject({
      reportNumber: 1,
      reportVersion: 'Final',
      incidentID: caseId,
      severity: 'Extreme',
      status: 'Actual',
      report: {
        type: 'SituationInformation',
        casualtyAndIllnessSummary: { injuries: 4, missing: 1, evacuated: 230 },
      },
    })
    const page = await node.app.inject({
      url: `/api/v1/sitreps/${first!.id}/print`,
      headers: police.headers(),
    })
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('Situation report 1 — Crue de la Vesdre')
    expect(page.body).toContain('Pompes de grande capacité')
  })
})

describe.each(engines.map((e) => [e.name, e] as const))('map, contacts and plans on %s', (_name, engine) => {
  let node: TestNode
  let duty: Session
  let police: Session
  let caseId: string
  const errorOf = (r: { statusCode: number; json(): unknown }) => ({
    status: r.statusCode,
    code: (r.json() as { error?: { code: string } }).error?.code,
  })
  const send = (s: Session, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    node.app.inject({ method, url, ...(payload ? { payload } : {}), headers: s.headers() })

  beforeAll(async () => {
    node = await startTestNode(engine)
    await addOrganisation(node.deps, {
      organisation: { code: 'police', name: 'Police', kind: 'partner', country: 'BE' },
      caller: { kind: 'system', label: 'test' },
      source: 'test',
    })
    duty = await signedInAs(node, ['duty-officer'])
    police = await signedInAs(node, ['partner'], 'police')
    caseId = (
      await send(duty, 'POST', '/api/v1/cases', {
        kind: 'incident',
        status: 'actual',
        type: 'fire',
        title: 'Feu à Visé',
        severity: 'major',
        location: { lon: 5.69, lat: 50.74 },
        participants: ['police'],
      })
    ).json<{ id: string }>().id
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('draws features, edits only its own with the version it read, and shows open cases on the duty desk map', async () => {
    const perimeter = await send(duty, 'POST', `/api/v1/cases/${caseId}/map`, {
      kind: 'perimeter',
      label: 'Périmètre 500 m',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [5.68, 50.73],
            [5.7, 50.73],
            [5.7, 50.75],
            [5.68, 50.73],
          ],
        ],
      },
    })
    expect(perimeter.statusCode).toBe(201)
    const feature = perimeter.json<{ id: string; version: number }>()
    const roadblock = await send(police, 'POST', `/api/v1/cases/${caseId}/map`, {
      kind: 'roadblock',
      label: 'E25 sortie 1',
      geometry: { type: 'Point', coordinates: [5.66, 50.72] },
    })
    expect(roadblock.statusCode).toBe(201)
    expect(
      errorOf(
        await send(police, 'PUT', `/api/v1/cases/${caseId}/map/${feature.id}`, {
          kind: 'perimeter',
          label: 'x',
          geometry: { type: 'Point', coordinates: [5, 50] },
          version: 1,
        }),
      ),
    ).toEqual({ status: 403, code: 'other_organisation' })
    const moved = await send(duty, 'PUT', `/api/v1/cases/${caseId}/map/${feature.id}`, {
      kind: 'perimeter',
      label: 'Périmètre 800 m',
      geometry: { type: 'Point', coordinates: [5.69, 50.74] },
      version: 1,
    })
    expect(moved.json()).toMatchObject({ version: 2, label: 'Périmètre 800 m' })
    expect(
      errorOf(
        await send(duty, 'PUT', `/api/v1/cases/${caseId}/map/${feature.id}`, {
          kind: 'perimeter',
          label: 'stale',
          geometry: { type: 'Point', coordinates: [5.69, 50.74] },
          version: 1,
        }),
      ),
    ).toEqual({ status: 409, code: 'conflict' })
    const bad = await send(duty, 'POST', `/api/v1/cases/${caseId}/map`, {
      kind: 'perimeter',
      label: 'open ring',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [5, 50],
            [6, 50],
            [6, 51],
            [5, 51],
          ],
        ],
      },
    })
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('not closed')
    const map = (await node.app.inject({ url: '/api/v1/map/open-cases', headers: police.headers() })).json<{
      features: { properties: { kind: string } }[]
    }>()
    expect(map.features.map((f) => f.properties.kind).sort()).toEqual(['case', 'perimeter', 'roadblock'])
    expect((await send(duty, 'DELETE', `/api/v1/cases/${caseId}/map/${feature.id}`)).statusCode).toBe(204)
    expect(
      (await node.app.inject({ url: `/api/v1/cases/${caseId}/map`, headers: duty.headers() })).json<{
        features: unknown[]
      }>().features,
    ).toHaveLength(1)
  })

  it('keeps a contact directory searchable accent-blind, with stale records flagged', async () => {
    const add = await send(duty, 'POST', '/api/v1/contacts', {
      kind: 'point-of-contact',
      name: 'Permanence du Gouverneur de Liège',
      role: 'Officier de garde',
      region: 'Liège',
      phones: [{ label: '24/7', number: '+32 4 220 22 22' }],
      available247: true,
      revalidateBy: '2026-01-01',
    })
    expect(add.statusCode).toBe(201)
    expect(
      errorOf(
        await send(duty, 'POST', '/api/v1/contacts', {
          kind: 'point-of-contact',
          name: 'No phone',
          revalidateBy: '2027-01-01',
        }),
      ),
    ).toEqual({ status: 400, code: 'validation_failed' })
    const found = (
      await node.app.inject({
        url: `/api/v1/contacts?q=${encodeURIComponent('gouverneur liege')}`,
        headers: police.headers(),
      })
    ).json<{ items: { name: string; stale: boolean }[] }>().items
    expect(found).toMatchObject([{ name: 'Permanence du Gouverneur de Liège', stale: true }])
    const id = add.json<{ id: string }>().id
    expect(
      errorOf(
        await send(police, 'PUT', `/api/v1/contacts/${id}`, {
          kind: 'person',
          name: 'Hijack',
          revalidateBy: '2030-01-01',
        }),
      ),
    ).toEqual({ status: 403, code: 'forbidden' })
  })

  it('keeps a plan library and records which plans a case activates', async () => {
    const plan = await send(duty, 'POST', '/api/v1/plans', {
      title: 'PPUI SEVESO Basse-Meuse',
      scope: 'Sites SEVESO seuil haut',
      area: 'Visé, Oupeye',
      version: '2025.1',
      validUntil: '2030-12-31',
      document: 'docs://plans/ppui-basse-meuse-2025.pdf',
    })
    expect(plan.statusCode).toBe(201)
    const planId = plan.json<{ id: string }>().id
    expect((await send(duty, 'POST', `/api/v1/cases/${caseId}/plans`, { planId })).statusCode).toBe(204)
    expect(errorOf(await send(duty, 'POST', `/api/v1/cases/${caseId}/plans`, { planId }))).toEqual({
      status: 409,
      code: 'conflict',
    })
    const activated = (
      await node.app.inject({ url: `/api/v1/cases/${caseId}/plans`, headers: police.headers() })
    ).json<{ items: { title: string }[] }>().items
    expect(activated.map((p) => p.title)).toEqual(['PPUI SEVESO Basse-Meuse'])
    expect(
      (await node.app.inject({ url: '/api/v1/plans', headers: police.headers() })).json<{
        items: { validUntil: string }[]
      }>().items[0]?.validUntil,
    ).toBe('2030-12-31')
  })

  it("keeps every version of a plan's document, checked by content, uploaded only by the keeping organisation", async () => {
    const planId = (
      await send(duty, 'POST', '/api/v1/plans', { title: 'Plan nucléaire Tihange', version: '2024' })
    ).json<{ id: string }>().id
    const upload = (who: Session, id: string, type: string, name: string, data: Buffer) =>
      node.app.inject({
        method: 'POST',
        url: `/api/v1/plans/${id}/documents`,
        payload: data,
        headers: { ...who.headers(), 'content-type': type, 'x-filename': encodeURIComponent(name) },
      })
    const pdf = Buffer.from('%PDF-1.4\n% plan nucléaire\n%%EOF\n')
    const first = await upload(duty, planId, 'application/pdf', 'plan nucléaire 2024.pdf', pdf)
    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({
      planId,
      fileName: 'plan nucléaire 2024.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      uploadedBy: duty.account.user.id,
    })
    // a .docx is a zip listing [Content_Types].xml with its text under word/
    const docx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.from('....[Content_Types].xml....word/document.xml....'),
    ])
    const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
    const second = await upload(duty, planId, docxType, 'plan-2025.docx', docx)
    expect(second.statusCode).toBe(201)
    const secondId = second.json<{ id: string }>().id
    const firstId = first.json<{ id: string }>().id

    const refusals = [
      [await upload(duty, planId, 'application/pdf', 'setup.pdf', Buffer.from('MZ\x90\x00 not a pdf')), 400],
      [await upload(duty, planId, 'application/x-msdownload', 'setup.exe', Buffer.from('MZ\x90')), 400],
      [await upload(duty, planId, 'application/pdf', 'big.pdf', Buffer.alloc(26 * 1024 * 1024, 0x25)), 413],
      [await upload(police, planId, 'application/pdf', 'p.pdf', pdf), 403],
      [await upload(duty, '01890000-0000-7000-8000-000000000000', 'application/pdf', 'p.pdf', pdf), 404],
    ] as const
    expect(refusals.map(([r, status]) => [r.statusCode, status])).toEqual(
      refusals.map(([, status]) => [status, status]),
    )
    expect(refusals[0][0].json<{ error: { message: string } }>().error.message).toContain(
      "the file's content is not application/pdf",
    )
    expect(refusals[1][0].json<{ error: { message: string } }>().error.message).toContain(
      "content type 'application/x-msdownload' is not accepted",
    )

    const versions = (
      await node.app.inject({ url: `/api/v1/plans/${planId}/documents`, headers: police.headers() })
    ).json<{ items: { id: string; uploadedByName: string }[] }>().items
    expect(versions.map((v) => v.id)).toEqual([secondId, firstId])
    expect(versions[0]?.uploadedByName).toBe(`Test ${duty.account.user.username}`)
    const library = (await node.app.inject({ url: '/api/v1/plans', headers: police.headers() })).json<{
      items: { id: string; currentDocument: { id: string } | null }[]
    }>().items
    expect(library.find((p) => p.id === planId)?.currentDocument?.id).toBe(secondId)
    expect(library.find((p) => p.id !== planId)?.currentDocument).toBeNull()

    const download = await node.app.inject({
      url: `/api/v1/plan-documents/${firstId}`,
      headers: police.headers(),
    })
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toBe('application/pdf')
    expect(download.headers['content-disposition']).toBe(
      "attachment; filename*=UTF-8''plan%20nucl%C3%A9aire%202024.pdf",
    )
    expect(download.rawPayload.equals(pdf)).toBe(true)

    expect((await send(duty, 'POST', `/api/v1/cases/${caseId}/plans`, { planId })).statusCode).toBe(204)
    const activated = (
      await node.app.inject({ url: `/api/v1/cases/${caseId}/plans`, headers: police.headers() })
    ).json<{ items: { id: string; currentDocument: { fileName: string } | null }[] }>().items
    expect(activated.find((p) => p.id === planId)?.currentDocument?.fileName).toBe('plan-2025.docx')

    const audit = await node.deps.store.db
      .selectFrom('audit')
      .select(['action', 'outcome'])
      .where('action', '=', 'plan.document.upload')
      .execute()
    expect(audit.filter((a) => a.outcome === 'ok')).toHaveLength(2)
    expect(audit.filter((a) => a.outcome !== 'ok').length).toBeGreaterThanOrEqual(3)
  })

  it("lets only the keeping organisation change a plan's metadata", async () => {
    const planId = (
      await send(duty, 'POST', '/api/v1/plans', { title: 'Plan canicule', version: '1' })
    ).json<{ id: string }>().id
    const changed = await send(duty, 'PUT', `/api/v1/plans/${planId}`, {
      title: 'Plan canicule',
      version: '2',
      validUntil: '2031-06-30',
    })
    expect(changed.json()).toEqual({ id: planId })
    const otherManager = await signedInAs(node, ['crisis-manager'], 'police')
    expect(
      errorOf(
        await send(otherManager, 'PUT', `/api/v1/plans/${planId}`, { title: 'Plan canicule', version: '9' }),
      ),
    ).toEqual({ status: 403, code: 'other_organisation' })
    expect(errorOf(await send(duty, 'PUT', `/api/v1/plans/${planId}`, { title: 'x' }))).toEqual({
      status: 400,
      code: 'validation_failed',
    })
    const plan = (await node.app.inject({ url: '/api/v1/plans', headers: duty.headers() }))
      .json<{
        items: { id: string; version: string; validUntil: string | null }[]
      }>()
      .items.find((p) => p.id === planId)
    expect(plan).toMatchObject({ version: '2', validUntil: '2031-06-30' })
  })
})

describe.each(engines.map((e) => [e.name, e] as const))('notifications on %s', (_name, engine) => {
  let node: TestNode
  let duty: Session
  let police: Session
  beforeAll(async () => {
    node = await startTestNode(engine)
    await addOrganisation(node.deps, {
      organisation: { code: 'police', name: 'Police', kind: 'partner', country: 'BE' },
      caller: { kind: 'system', label: 'test' },
      source: 'test',
    })
    duty = await signedInAs(node, ['duty-officer'])
    police = await signedInAs(node, ['partner'], 'police')
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('tells a partner its organisation joined a case and was given a task, until read', async () => {
    const opened = await node.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: duty.headers(),
      payload: {
        kind: 'incident',
        status: 'actual',
        type: 'flood',
        title: 'Crue de l’Ourthe',
        severity: 'major',
        participants: ['police'],
      },
    })
    const caseId = opened.json<{ id: string }>().id
    await node.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/tasks`,
      headers: duty.headers(),
      payload: { title: 'Fermer la N633', assigneeOrg: 'police' },
    })
    const mine = (await node.app.inject({ url: '/api/v1/notifications', headers: police.headers() })).json<{
      items: { kind: string; seq: number; title: string }[]
      unread: number
    }>()
    expect(mine.items.map((n) => `${n.kind}:${n.title}`)).toEqual([
      'task-assigned:Fermer la N633',
      'case-joined:Crue de l’Ourthe',
    ])
    expect(mine.unread).toBe(2)
    expect(
      (await node.app.inject({ url: '/api/v1/notifications', headers: duty.headers() })).json<{
        items: unknown[]
      }>().items,
    ).toEqual([])
    await node.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read',
      headers: police.headers(),
      payload: { upTo: mine.items[0]!.seq },
    })
    expect(
      (await node.app.inject({ url: '/api/v1/notifications', headers: police.headers() })).json<{
        unread: number
      }>().unread,
    ).toBe(0)
  })
})

describe.each(engines.map((e) => [e.name, e] as const))(
  'attachments, promotion to a case, corrections of a case on %s',
  (_name, engine) => {
    let node: TestNode
    let duty: Session
    let police: Session
    let fire: Session
    const errorOf = (r: { statusCode: number; json(): unknown }) => ({
      status: r.statusCode,
      code: (r.json() as { error?: { code: string } }).error?.code,
    })
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 32), Buffer.from('\n%%EOF\n')])

    beforeAll(async () => {
      node = await startTestNode(engine)
      for (const code of ['police', 'fire'])
        await addOrganisation(node.deps, {
          organisation: { code, name: `Partner ${code}`, kind: 'partner', country: 'BE' },
          caller: { kind: 'system', label: 'test' },
          source: 'test',
        })
      duty = await signedInAs(node, ['duty-officer'])
      police = await signedInAs(node, ['partner'], 'police')
      fire = await signedInAs(node, ['partner'], 'fire')
    })
    afterAll(async () => {
      await node.dispose()
    })

    it('promotes a daily-log entry to a case, and lets the owner correct the case', async () => {
      const entry = (
        await node.app.inject({
          method: 'POST',
          url: '/api/v1/log',
          headers: duty.headers(),
          payload: {
            discipline: 'multidisciplinary',
            source: 'phone',
            text: 'Odeur de gaz signalée rue Neuve, Bruxelles',
          },
        })
      ).json<{ id: string }>()
      const opened = await node.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: duty.headers(),
        payload: {
          kind: 'incident',
          status: 'actual',
          type: 'gas-leak',
          title: 'Fuite de gaz rue Neuve',
          severity: 'moderate',
          fromLogEntry: entry.id,
          participants: ['police'],
        },
      })
      expect(opened.json()).toMatchObject({
        fromLogEntry: entry.id,
        description: 'Odeur de gaz signalée rue Neuve, Bruxelles',
      })
      const caseId = opened.json<{ id: string }>().id
      const corrected = await node.app.inject({
        method: 'PATCH',
        url: `/api/v1/cases/${caseId}`,
        headers: duty.headers(),
        payload: {
          severity: 'major',
          scaling: { doctrine: 'BE', level: 'communal', planLevel: 'pre-alert' },
          title: 'Fuite de gaz rue Neuve (évacuation)',
        },
      })
      expect(corrected.json()).toMatchObject({
        severity: 'major',
        title: 'Fuite de gaz rue Neuve (évacuation)',
        scaling: { planLevel: 'pre-alert' },
        scalingCrosswalk: { BE: 'communal' },
      })
      const wrong = await node.app.inject({
        method: 'PATCH',
        url: `/api/v1/cases/${caseId}`,
        headers: duty.headers(),
        payload: { scaling: { doctrine: 'LU', level: '7' } },
      })
      expect(errorOf(wrong)).toEqual({ status: 400, code: 'validation_failed' })
      const notMine = await node.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: duty.headers(),
        payload: {
          kind: 'incident',
          status: 'actual',
          type: 'x-y',
          title: 'From a case entry',
          severity: 'minor',
          fromLogEntry: '01a225ba-5799-7873-9099-5091319b2ad3',
        },
      })
      expect(notMine.json<{ error: { message: string } }>().error.message).toContain(
        "not an entry of your organisation's daily log",
      )
    })

    it('attaches files checked by content, shows them in the log, and serves them only to those who see the entry', async () => {
      const c = await node.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: duty.headers(),
        payload: {
          kind: 'incident',
          status: 'actual',
          type: 'fire',
          title: 'Feu de broussailles',
          severity: 'minor',
          participants: ['police'],
        },
      })
      const caseId = c.json<{ id: string }>().id
      const entry = (
        await node.app.inject({
          method: 'POST',
          url: `/api/v1/cases/${caseId}/log`,
          headers: police.headers(),
          payload: { discipline: 'be-d3-police', source: 'field', text: 'Rapport de situation joint' },
        })
      ).json<{ id: string }>()
      const upload = (payload: Buffer, type: string, who = police, name = 'rapport situation.pdf') =>
        node.app.inject({
          method: 'POST',
          url: `/api/v1/log-entries/${entry.id}/attachments`,
          headers: { ...who.headers(), 'content-type': type, 'x-filename': encodeURIComponent(name) },
          payload,
        })
      const ok = await upload(pdf, 'application/pdf')
      expect(ok.statusCode).toBe(201)
      const meta = ok.json<{ id: string; size: number; fileName: string }>()
      expect(meta).toMatchObject({ size: pdf.length, fileName: 'rapport situation.pdf' })
      const lying = await upload(Buffer.from('MZ\x90\x00 not a pdf'), 'application/pdf')
      expect(lying.json<{ error: { message: string } }>().error.message).toContain(
        "the file's content is not application/pdf",
      )
      expect(errorOf(await upload(Buffer.from('<script>'), 'text/html'))).toEqual({
        status: 400,
        code: 'validation_failed',
      })
      expect(errorOf(await upload(pdf, 'application/pdf', duty))).toEqual({
        status: 403,
        code: 'other_organisation',
      })
      const log = (
        await node.app.inject({ url: `/api/v1/cases/${caseId}/log`, headers: duty.headers() })
      ).json<{ items: { id: string; attachments: { id: string }[] }[] }>().items
      expect(log.find((e) => e.id === entry.id)?.attachments.map((a) => a.id)).toEqual([meta.id])
      const download = await node.app.inject({
        url: `/api/v1/attachments/${meta.id}`,
        headers: duty.headers(),
      })
      expect(download.headers['content-disposition']).toBe(
        "attachment; filename*=UTF-8''rapport%20situation.pdf",
      )
      expect(download.rawPayload.equals(pdf)).toBe(true)
      expect(
        errorOf(await node.app.inject({ url: `/api/v1/attachments/${meta.id}`, headers: fire.headers() })),
      ).toEqual({ status: 403, code: 'other_organisation' })
    })

    it('refuses a file over 10 MiB', async () => {
      const entry = (
        await node.app.inject({
          method: 'POST',
          url: '/api/v1/log',
          headers: duty.headers(),
          payload: { discipline: 'multidisciplinary', source: 'phone', text: 'Big file' },
        })
      ).json<{ id: string }>()
      const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)])
      const response = await node.app.inject({
        method: 'POST',
        url: `/api/v1/log-entries/${entry.id}/attachments`,
        headers: { ...duty.headers(), 'content-type': 'application/pdf' },
        payload: big,
      })
      expect(errorOf(response)).toEqual({ status: 413, code: 'payload_too_large' })
    })
  },
)
