import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { signIn, signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()
type Session = TestSession & { account: TestUser }

describe.each(engines.map((e) => [e.name, e] as const))('roster and handover on %s', (_name, engine) => {
  const clock = fixedClock(new Date('2026-03-28T20:00:00Z'))
  let node: TestNode
  let anna: Session
  let bart: Session
  const errorOf = (r: { statusCode: number; json(): unknown }) => ({
    status: r.statusCode,
    code: (r.json() as { error?: { code: string } }).error?.code,
  })
  const send = (s: Session, method: 'POST' | 'PUT', url: string, payload?: object) =>
    node.app.inject({ method, url, ...(payload ? { payload } : {}), headers: s.headers() })

  beforeAll(async () => {
    node = await startTestNode(engine, { clock })
    anna = await signedInAs(node, ['duty-officer'])
    clock.advance(31_000)
    bart = await signedInAs(node, ['duty-officer'])
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('keeps the rotation through the spring change: the night of 28 to 29 March lasts 11 hours', async () => {
    const set = await send(anna, 'PUT', '/api/v1/roster', {
      timeZone: 'Europe/Brussels',
      startDate: '2026-03-01',
      shiftStarts: ['07:00', '19:00'],
      members: [anna.account.user.id, bart.account.user.id],
    })
    expect(set.statusCode).toBe(200)
    const shifts = (
      await node.app.inject({
        url: '/api/v1/roster/shifts?from=2026-03-28&to=2026-03-29',
        headers: anna.headers(),
      })
    ).json<{ items: { start: string; hours: number; userId: string }[] }>().items
    expect(shifts.map((s) => [s.start, s.hours])).toEqual([
      ['2026-03-28T06:00:00.000Z', 12],
      ['2026-03-28T18:00:00.000Z', 11],
      ['2026-03-29T05:00:00.000Z', 12],
      ['2026-03-29T17:00:00.000Z', 12],
    ])
    expect(shifts.map((s) => s.userId)).toEqual([
      anna.account.user.id,
      bart.account.user.id,
      anna.account.user.id,
      bart.account.user.id,
    ])
  })

  it('applies an override, and refuses one for a time that is no shift start', async () => {
    const swapped = await send(anna, 'PUT', '/api/v1/roster/overrides', {
      shiftStart: '2026-03-28T18:00:00.000Z',
      userId: anna.account.user.id,
      reason: 'swap with Bart',
    })
    expect(swapped.json()).toMatchObject({
      userId: anna.account.user.id,
      replaces: bart.account.user.id,
      hours: 11,
    })
    const wrong = await send(anna, 'PUT', '/api/v1/roster/overrides', {
      shiftStart: '2026-03-28T19:00:00.000Z',
      userId: anna.account.user.id,
      reason: 'typo',
    })
    expect(errorOf(wrong)).toEqual({ status: 400, code: 'validation_failed' })
    const autumn = (
      await node.app.inject({
        url: '/api/v1/roster/shifts?from=2026-10-24&to=2026-10-24',
        headers: anna.headers(),
      })
    ).json<{ items: { hours: number }[] }>().items
    expect(autumn.map((s) => s.hours)).toEqual([12, 13])
  })

  it("lets the organisation's administrator set the rotation too, but not a viewer", async () => {
    const admin = await signedInAs(node, ['admin'])
    const viewer = await signedInAs(node, ['viewer'])
    const body = {
      timeZone: 'Europe/Brussels',
      startDate: '2026-03-01',
      shiftStarts: ['07:00', '19:00'],
      members: [anna.account.user.id, bart.account.user.id],
    }
    expect((await send(admin, 'PUT', '/api/v1/roster', body)).statusCode).toBe(200)
    expect(errorOf(await send(viewer, 'PUT', '/api/v1/roster', body))).toEqual({
      status: 403,
      code: 'forbidden',
    })
  })

  it('refuses a rotation with strangers, a bad time zone or times out of order', async () => {
    const response = await send(anna, 'PUT', '/api/v1/roster', {
      timeZone: 'Europe/Atlantis',
      startDate: '2026-02-30',
      shiftStarts: ['19:00', '07:00'],
      members: ['01a225ba-5799-7873-9099-5091319b2ad3'],
    })
    expect(errorOf(response)).toEqual({ status: 400, code: 'validation_failed' })
    expect(response.json<{ error: { message: string } }>().error.message).toContain(
      "startDate: '2026-02-30' is not a date",
    )
  })

  it('prepares a handover from what happened, and lets only the incoming officer sign it off', async () => {
    const c = await send(anna, 'POST', '/api/v1/cases', {
      kind: 'incident',
      status: 'actual',
      type: 'storm',
      title: 'Tempête: arbres sur les voies',
      severity: 'moderate',
    })
    const caseId = c.json<{ id: string }>().id
    await send(anna, 'POST', `/api/v1/cases/${caseId}/log`, {
      discipline: 'be-d1-rescue',
      source: 'phone',
      text: 'Arbre sur la ligne 36 à Leuven',
    })
    await send(anna, 'POST', `/api/v1/cases/${caseId}/tasks`, {
      title: 'Rappeler Infrabel',
      dueAt: '2026-03-28T19:00:00Z',
    })
    // Bart gives the desk a task that Anna never reads: it is handed over as unread
    await send(bart, 'POST', `/api/v1/cases/${caseId}/tasks`, { title: 'Vérifier les passages à niveau' })
    await send(anna, 'POST', '/api/v1/cases', {
      kind: 'planned-event',
      status: 'actual',
      type: 'sports-match',
      title: 'Match Standard – Anderlecht',
      severity: 'minor',
      startsAt: '2026-03-29T18:00:00Z',
    })
    const prepared = await send(anna, 'POST', '/api/v1/handovers', {
      notes: 'Surveiller la météo: alerte orange à 6h',
    })
    expect(prepared.statusCode).toBe(201)
    const handover = prepared.json<{
      id: string
      report: {
        openCases: unknown[]
        newEntries: { count: number }
        pendingTasks: { overdue: boolean }[]
        upcomingEvents: { title: string }[]
        unreadItems: { kind: string; title: string }[]
      }
    }>()
    expect(handover.report.openCases).toHaveLength(2)
    expect(handover.report.newEntries.count).toBe(1)
    expect(handover.report.pendingTasks).toMatchObject([{ overdue: true }, { overdue: false }])
    expect(handover.report.unreadItems).toMatchObject([
      { kind: 'task-assigned', title: 'Vérifier les passages à niveau' },
    ])
    expect(handover.report.upcomingEvents.map((e) => e.title)).toEqual(['Match Standard – Anderlecht'])
    expect(errorOf(await send(anna, 'POST', `/api/v1/handovers/${handover.id}/sign-off`))).toEqual({
      status: 409,
      code: 'conflict',
    })
    // Anna took Bart's night; Bart is not on the next shift either, so he is not the incoming officer yet
    expect(errorOf(await send(bart, 'POST', `/api/v1/handovers/${handover.id}/sign-off`))).toEqual({
      status: 409,
      code: 'conflict',
    })
    await send(anna, 'PUT', '/api/v1/roster/overrides', {
      shiftStart: '2026-03-29T05:00:00.000Z',
      userId: bart.account.user.id,
      reason: 'Bart takes the morning',
    })
    const signed = await send(bart, 'POST', `/api/v1/handovers/${handover.id}/sign-off`)
    expect(signed.json()).toMatchObject({ signedOffBy: bart.account.user.id })
    expect(errorOf(await send(bart, 'POST', `/api/v1/handovers/${handover.id}/sign-off`))).toEqual({
      status: 409,
      code: 'conflict',
    })
    const listed = (await node.app.inject({ url: '/api/v1/handovers', headers: bart.headers() })).json<{
      items: { outgoingName: string; signedOffByName: string }[]
    }>().items
    expect(listed[0]).toMatchObject({
      outgoingName: anna.account.user.displayName,
      signedOffByName: bart.account.user.displayName,
    })
    const roster = (await node.app.inject({ url: '/api/v1/roster', headers: bart.headers() })).json<{
      people: { displayName: string }[]
    }>()
    for (const name of [anna.account.user.displayName, bart.account.user.displayName]) {
      expect(roster.people.map((p) => p.displayName)).toContain(name)
    }
  })

  it('hands over the whole shift that just ended, even when written in the first hour of the next', async () => {
    // late in Anna's night shift (18:00 to 05:00 UTC, 11 hours after the spring change), a last entry
    clock.set(new Date('2026-03-29T04:10:00Z'))
    const nightOwl = await signIn(node, anna.account)
    await send({ ...anna, ...nightOwl }, 'POST', '/api/v1/log', {
      discipline: 'multidisciplinary',
      source: 'phone',
      text: 'Fin de l’alerte tempête transmise par l’IRM',
    })
    // 05:40, Bart's morning has begun: Anna writes the handover of her night
    clock.set(new Date('2026-03-29T05:40:00Z'))
    const late = await signIn(node, anna.account)
    const prepared = await send({ ...anna, ...late }, 'POST', '/api/v1/handovers', { notes: 'Nuit calme' })
    const handover = prepared.json<{
      periodFrom: string
      report: {
        shift: { start: string; end: string; userId: string }
        newEntries: { latest: { text: string }[] }
      }
    }>()
    expect(handover.report.shift).toEqual({
      start: '2026-03-28T18:00:00.000Z',
      end: '2026-03-29T05:00:00.000Z',
      userId: anna.account.user.id,
    })
    // the whole night, although the previous handover was written at 20:00
    expect(handover.periodFrom).toBe('2026-03-28T18:00:00.000Z')
    expect(handover.report.newEntries.latest.map((e) => e.text)).toEqual([
      'Fin de l’alerte tempête transmise par l’IRM',
      'Arbre sur la ligne 36 à Leuven',
    ])
  })
})

describe.each(engines.map((e) => [e.name, e] as const))('planned-events calendar on %s', (_name, engine) => {
  let node: TestNode
  let duty: Session
  beforeAll(async () => {
    node = await startTestNode(engine)
    duty = await signedInAs(node, ['duty-officer'])
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('publishes planned events at a secret address until it is revoked', async () => {
    const headers = duty.headers()
    await node.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers,
      payload: {
        kind: 'planned-event',
        status: 'exercise',
        type: 'exercise',
        title: 'Exercice Meuse, 30 novembre',
        severity: 'minor',
        startsAt: '2026-11-30T08:00:00Z',
        endsAt: '2026-11-30T16:00:00Z',
      },
    })
    await node.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers,
      payload: {
        kind: 'incident',
        status: 'actual',
        type: 'fire',
        title: 'Not in the calendar',
        severity: 'minor',
      },
    })
    const events = (
      await node.app.inject({ url: '/api/v1/calendar/events?from=2026-11-01T00:00:00Z', headers })
    ).json<{ items: { title: string }[] }>().items
    expect(events.map((e) => e.title)).toEqual(['Exercice Meuse, 30 novembre'])
    const feed = (await node.app.inject({ method: 'POST', url: '/api/v1/calendar/feeds', headers })).json<{
      id: string
      url: string
    }>()
    const path = new URL(feed.url).pathname
    const ics = await node.app.inject({ url: path })
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8')
    expect(ics.body).toContain('SUMMARY:[EXERCISE] Exercice Meuse\\, 30 novembre\r\n')
    expect(ics.body).toContain('DTSTART:20261130T080000Z')
    expect(ics.body).not.toContain('Not in the calendar')
    expect(
      (await node.app.inject({ method: 'DELETE', url: `/api/v1/calendar/feeds/${feed.id}`, headers }))
        .statusCode,
    ).toBe(204)
    const feeds = (await node.app.inject({ url: '/api/v1/calendar/feeds', headers })).json<{
      items: { id: string; revokedAt: string | null }[]
    }>().items
    expect(feeds).toMatchObject([{ id: feed.id }])
    expect(feeds[0]?.revokedAt).not.toBeNull()
    expect(JSON.stringify(feeds)).not.toContain('cal_')
    expect((await node.app.inject({ url: path })).statusCode).toBe(404)
    expect((await node.app.inject({ url: '/calendar/cal_guess.ics' })).statusCode).toBe(400)
  })
})
