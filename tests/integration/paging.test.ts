import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addOrganisation, pageNotifications } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()
type Session = TestSession & { account: TestUser }
type Item = Record<string, unknown> & { id?: string; seq?: number }
interface Page {
  items?: Item[]
  features?: Item[]
  next: string | null
}

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')

describe.each(engines.map((e) => [e.name, e] as const))('lists a page at a time on %s', (_name, engine) => {
  let node: TestNode
  let duty: Session
  let crisis: Session
  let admin: Session
  let police: Session
  let fire: Session
  let caseId: string
  let otherCaseId: string

  const send = (s: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
    node.app.inject({ method, url, headers: s.headers(), ...(payload ? { payload } : {}) })
  const created = async (s: Session, url: string, payload?: object) => {
    const r = await send(s, 'POST', url, payload)
    expect(r.statusCode, r.body).toBe(201)
    return r.json<{ id: string; version: number }>()
  }
  const itemsOf = (page: Page): Item[] => page.items ?? page.features ?? []
  const keyOf = (item: Item): string => String(item.id ?? item.seq)

  /** Every page of a list, `limit` at a time: the keys in the order met, and how many pages. */
  const walk = async (s: Session, url: string, limit: number) => {
    const seen: Item[] = []
    let next: string | null = null
    let pages = 0
    do {
      const sep = url.includes('?') ? '&' : '?'
      const r = await send(s, 'GET', `${url}${sep}limit=${limit}${next ? `&after=${next}` : ''}`)
      expect(r.statusCode, r.body).toBe(200)
      const page = r.json<Page>()
      expect(itemsOf(page).length).toBeLessThanOrEqual(limit)
      seen.push(...itemsOf(page))
      next = page.next
      pages++
      expect(pages).toBeLessThan(200)
    } while (next)
    return { seen, pages }
  }
  /** The whole list in one page, and the same list walked two at a time: the same items, once each, in the same order. */
  const walkedLikeWhole = async (s: Session, url: string) => {
    const sep = url.includes('?') ? '&' : '?'
    const whole = (await send(s, 'GET', `${url}${sep}limit=500`)).json<Page>()
    expect(whole.next).toBeNull()
    const { seen, pages } = await walk(s, url, 2)
    expect(seen.map(keyOf)).toEqual(itemsOf(whole).map(keyOf))
    expect(new Set(seen.map(keyOf)).size).toBe(seen.length)
    // a full last page says so: no empty page is read after it
    expect(pages).toBe(Math.max(1, Math.ceil(seen.length / 2)))
    return seen
  }
  /** Newest first by `key`, then id, both descending (`asc`: ascending). */
  const expectOrdered = (items: Item[], key: string, order: 'desc' | 'asc' = 'desc') => {
    const pairs = items.map((i) => [typeof i[key] === 'string' ? i[key] : '', keyOf(i)] as const)
    const sorted = [...pairs].sort((a, b) =>
      a[0] === b[0] ? a[1].localeCompare(b[1]) : a[0] < b[0] ? -1 : 1,
    )
    expect(pairs).toEqual(order === 'asc' ? sorted : sorted.reverse())
  }

  beforeAll(async () => {
    node = await startTestNode(engine)
    for (const code of ['police', 'fire'])
      await addOrganisation(node.deps, {
        organisation: { code, name: `Org ${code}`, kind: 'partner', country: 'BE' },
        caller: { kind: 'system', label: 'test' },
        source: 'test',
      })
    duty = await signedInAs(node, ['duty-officer'])
    crisis = await signedInAs(node, ['crisis-manager'])
    admin = await signedInAs(node, ['admin'])
    police = await signedInAs(node, ['partner'], 'police')
    fire = await signedInAs(node, ['duty-officer'], 'fire')
    const newCase = (title: string) => ({
      kind: 'incident',
      status: 'actual',
      type: 'flood',
      title,
      severity: 'major',
      participants: ['police'],
    })
    caseId = (await created(duty, '/api/v1/cases', newCase('Crue de la Vesdre'))).id
    otherCaseId = (await created(duty, '/api/v1/cases', newCase('Crue de l’Ourthe'))).id
    // two entries at the same time: the id orders them
    const times = [
      '2026-07-14T08:00:00Z',
      '2026-07-14T09:00:00Z',
      '2026-07-14T09:00:00Z',
      '2026-07-14T07:00:00Z',
    ]
    for (const [i, occurredAt] of times.entries()) {
      for (const where of [`/api/v1/cases/${caseId}/log`, '/api/v1/log']) {
        await created(duty, where, {
          discipline: i % 2 === 0 ? 'be-d3-police' : 'multidisciplinary',
          source: 'phone',
          text: `Digue de Pepinster, relevé ${i}`,
          occurredAt,
        })
      }
    }
    await created(police, `/api/v1/cases/${caseId}/log`, {
      discipline: 'be-d3-police',
      source: 'radio',
      text: 'Digue de Pepinster: patrouille sur place',
    })
    await created(duty, `/api/v1/cases/${otherCaseId}/log`, {
      discipline: 'be-d3-police',
      source: 'radio',
      text: 'Digue de Tilff: pas de relevé',
    })
    await created(fire, '/api/v1/log', {
      discipline: 'multidisciplinary',
      source: 'phone',
      text: 'Digue ailleurs',
    })
    for (let i = 0; i < 5; i++) {
      await created(duty, `/api/v1/cases/${caseId}/tasks`, {
        title: `Sacs de sable ${i}`,
        assigneeOrg: 'police',
        ...(i < 3 ? { dueAt: `2026-01-0${3 - i}T10:00:00Z` } : {}),
      })
      await created(duty, `/api/v1/cases/${caseId}/decisions`, {
        text: `Évacuation du quartier ${i}`,
        decidedBy: 'Gouverneur',
        decidedAt: i < 2 ? '2026-07-14T10:00:00Z' : `2026-07-14T1${i}:00:00Z`,
      })
      await created(duty, `/api/v1/cases/${caseId}/map`, {
        kind: 'roadblock',
        label: `Barrage ${i}`,
        geometry: { type: 'Point', coordinates: [5.8 + i / 100, 50.6] },
      })
      await created(duty, '/api/v1/contacts', {
        kind: 'point-of-contact',
        name: i < 2 ? 'Permanence' : `Contact ${4 - i}`,
        phones: [{ label: '24/7', number: `+32 4 220 22 2${i}` }],
        region: i % 2 === 0 ? 'Liège' : 'Namur',
        revalidateBy: '2027-01-01',
      })
    }
    await created(duty, `/api/v1/cases/${otherCaseId}/tasks`, {
      title: 'Ailleurs',
      dueAt: '2026-01-01T09:00:00Z',
    })
    for (let n = 0; n < 3; n++) {
      const report = await created(duty, `/api/v1/cases/${caseId}/sitreps`)
      if (n < 2) {
        const r = await send(crisis, 'POST', `/api/v1/sitreps/${report.id}/approve`, {
          version: report.version,
        })
        expect(r.statusCode, r.body).toBe(200)
      }
    }
  })
  afterAll(async () => {
    await node.dispose()
  })

  it("walks a case's log and the daily log newest first, every entry once, with the filters applied", async () => {
    const log = await walkedLikeWhole(duty, `/api/v1/cases/${caseId}/log`)
    expect(log).toHaveLength(5)
    expect(log.every((e) => e['caseId'] === caseId)).toBe(true)
    expectOrdered(log, 'occurredAt')
    const police = await walkedLikeWhole(duty, `/api/v1/cases/${caseId}/log?discipline=be-d3-police`)
    expect(police.map((e) => e['text'])).toEqual([
      'Digue de Pepinster: patrouille sur place',
      'Digue de Pepinster, relevé 2',
      'Digue de Pepinster, relevé 0',
    ])
    expect(await walkedLikeWhole(duty, `/api/v1/cases/${caseId}/log?q=patrouille`)).toHaveLength(1)
    const daily = await walkedLikeWhole(duty, '/api/v1/log')
    expect(daily).toHaveLength(4)
    expect(daily.every((e) => e['caseId'] === null && e['orgId'] === duty.account.user.orgId)).toBe(true)
    expectOrdered(daily, 'occurredAt')
    expect(await walkedLikeWhole(duty, '/api/v1/log?discipline=multidisciplinary')).toHaveLength(2)
  })

  it('walks the search across every log the organisation sees, newest first', async () => {
    const found = await walkedLikeWhole(duty, '/api/v1/log/search?q=digue')
    // the case's five, the other case's one, the daily log's four; not the fire zone's daily log
    expect(found).toHaveLength(10)
    expectOrdered(found, 'occurredAt')
    expect(await walkedLikeWhole(fire, '/api/v1/log/search?q=digue')).toHaveLength(1)
  })

  it("walks a case's tasks, decisions and reports newest first, and the overdue tasks most overdue first", async () => {
    const tasks = await walkedLikeWhole(police, `/api/v1/cases/${caseId}/tasks`)
    expect(tasks.map((t) => t['title'])).toEqual([4, 3, 2, 1, 0].map((i) => `Sacs de sable ${i}`))
    const overdue = await walkedLikeWhole(duty, '/api/v1/tasks/overdue')
    expect(overdue.map((t) => t['title'])).toEqual([
      'Ailleurs',
      'Sacs de sable 2',
      'Sacs de sable 1',
      'Sacs de sable 0',
    ])
    expectOrdered(overdue, 'dueAt', 'asc')
    const decisions = await walkedLikeWhole(duty, `/api/v1/cases/${caseId}/decisions`)
    expect(decisions).toHaveLength(5)
    expectOrdered(decisions, 'decidedAt')
    const reports = await walkedLikeWhole(police, `/api/v1/cases/${caseId}/sitreps`)
    expect(reports.map((r) => [r['number'], r['state']])).toEqual([
      [3, 'draft'],
      [2, 'approved'],
      [1, 'approved'],
    ])
  })

  it("walks a case's map features newest first, and the contact directory by name, with its filters", async () => {
    const features = await walkedLikeWhole(duty, `/api/v1/cases/${caseId}/map`)
    expect(features.map((f) => (f['properties'] as { label: string }).label)).toEqual(
      [4, 3, 2, 1, 0].map((i) => `Barrage ${i}`),
    )
    const contacts = await walkedLikeWhole(duty, '/api/v1/contacts')
    expect(contacts.map((c) => c['name'])).toEqual([
      'Contact 0',
      'Contact 1',
      'Contact 2',
      'Permanence',
      'Permanence',
    ])
    expectOrdered(contacts, 'name', 'asc')
    expect((await walkedLikeWhole(duty, '/api/v1/contacts?q=li%C3%A8ge')).map((c) => c['name'])).toEqual([
      'Contact 0',
      'Contact 2',
      'Permanence',
    ])
  })

  it("walks the organisation's audit and a person's notifications newest first", async () => {
    const audit = await walkedLikeWhole(admin, '/api/v1/audit')
    expect(audit.length).toBeGreaterThan(30)
    const seqs = audit.map((r) => Number(r.seq))
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs)
    const notifications = await walkedLikeWhole(police, '/api/v1/notifications')
    // five tasks for the police, two cases joined, two reports approved
    expect(notifications.map((n) => n['kind'])).toEqual([
      'sitrep-approved',
      'sitrep-approved',
      ...Array<string>(5).fill('task-assigned'),
      'case-joined',
      'case-joined',
    ])
    const nseqs = notifications.map((n) => Number(n.seq))
    expect([...nseqs].sort((a, b) => b - a)).toEqual(nseqs)
  })

  it('walks every materialised notification three at a time: each page full until the last', async () => {
    const user = { id: police.account.user.id, orgId: police.account.user.orgId }
    const whole = await pageNotifications(node.deps.store.db, user, { limit: 500 })
    const seen: number[] = []
    const sizes: number[] = []
    let after: number | null = null
    let pages = 0
    do {
      const page: { items: { seq: number }[]; next: number | null } = await pageNotifications(
        node.deps.store.db,
        user,
        { limit: 3, ...(after === null ? {} : { after: { key: after, id: '' } }) },
      )
      seen.push(...page.items.map((n) => n.seq))
      sizes.push(page.items.length)
      after = page.next
      pages++
    } while (after !== null && pages < 1_000)
    expect(seen).toEqual(whole.items.map((n) => n.seq))
    expect(pages).toBe(Math.ceil(whole.items.length / 3))
    expect(sizes.slice(0, -1).every((n) => n === 3)).toBe(true)
  })

  const lists = () => [
    ['cases', '/api/v1/cases'],
    ['log', `/api/v1/cases/${caseId}/log`],
    ['log', '/api/v1/log'],
    ['search', '/api/v1/log/search?q=digue'],
    ['tasks', `/api/v1/cases/${caseId}/tasks`],
    ['overdue', '/api/v1/tasks/overdue'],
    ['decisions', `/api/v1/cases/${caseId}/decisions`],
    ['sitreps', `/api/v1/cases/${caseId}/sitreps`],
    ['audit', '/api/v1/audit'],
    ['notifications', '/api/v1/notifications'],
    ['map', `/api/v1/cases/${caseId}/map`],
    ['contacts', '/api/v1/contacts'],
  ]
  const sessionFor = (list: string) => (list === 'audit' ? admin : list === 'notifications' ? police : duty)

  it('refuses a bad cursor or limit on every list with 400 naming the field, and never answers 500', async () => {
    for (const [list, url] of lists()) {
      const s = sessionFor(list!)
      const sep = url!.includes('?') ? '&' : '?'
      const other = list === 'tasks' ? 'decisions' : 'tasks'
      const bad: [string, string][] = [
        ['after=not%20base64!', 'querystring/after'],
        [`after=${cursorOf({ not: 'a list' })}`, 'querystring/after'],
        [`after=${Buffer.from('{[', 'utf8').toString('base64url')}`, 'querystring/after'],
        [
          `after=${cursorOf([list, list === 'contacts' ? 42 : 'yesterday', '01890000-0000-7000-8000-000000000000'])}`,
          'querystring/after',
        ],
        [
          `after=${cursorOf([other, '2026-07-14T08:00:00.000Z', '01890000-0000-7000-8000-000000000000'])}`,
          'querystring/after',
        ],
        [`after=${cursorOf([list, 1e300, 'x'])}`, 'querystring/after'],
        ['after=', 'querystring/after'],
        ['limit=0', 'querystring/limit'],
        ['limit=501', 'querystring/limit'],
        ['limit=ten', 'querystring/limit'],
        ['limit=1&limit=2', 'querystring/limit'],
      ]
      for (const [query, field] of bad) {
        const r = await send(s, 'GET', `${url}${sep}${query}`)
        expect(r.statusCode, `${url} ${query}: ${r.body}`).toBe(400)
        const body = r.json<{ error: { code: string; message: string; details: unknown } }>()
        expect(body.error.code).toBe('validation_failed')
        expect(body.error.message).toContain(field)
        expect(JSON.stringify(body.error.details)).toContain(field)
      }
    }
  })

  it('starts after any place a cursor names, even one of an item since gone, and reads a list by its default page', async () => {
    const r = await send(
      duty,
      'GET',
      `/api/v1/cases/${caseId}/log?after=${cursorOf(['log', '2026-07-14T08:30:00.000Z', 'ffffffff-ffff-7fff-bfff-ffffffffffff'])}`,
    )
    expect(r.statusCode).toBe(200)
    expect(r.json<Page>().items?.map((e) => e['occurredAt'])).toEqual([
      '2026-07-14T08:00:00.000Z',
      '2026-07-14T07:00:00.000Z',
    ])
    // the audit's page is 50 rows unless limit says otherwise
    for (let i = 0; i < 10; i++)
      await created(duty, '/api/v1/log', {
        discipline: 'multidisciplinary',
        source: 'phone',
        text: `Relevé ${i}`,
      })
    const rows = await node.deps.store.db
      .selectFrom('audit')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', admin.account.user.orgId)
      .executeTakeFirstOrThrow()
    expect(Number(rows.n)).toBeGreaterThan(50)
    const whole = (await send(admin, 'GET', '/api/v1/audit')).json<Page>()
    expect(whole.items).toHaveLength(50)
    expect(whole.next).not.toBeNull()
  })
})
