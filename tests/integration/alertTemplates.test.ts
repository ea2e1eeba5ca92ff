import { addOrganisation, advanceAlerts, fixedClock } from '@liaison/server'
import { validateCapXsd } from '@liaison/formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fillAlertExpiry } from '../../packages/server/src/store/migrations/m0041_alert_expiry.ts'
import { testEngines } from '../support/engines.ts'
import type { TestSession } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'

const engines = await testEngines()

interface TemplateAnswer {
  id: string
  version: number
  name: string
  placeholders: string[]
  preApprovedBy: string | null
  retiredAt: string | null
}
interface AlertAnswer {
  id: string
  version: number
  state: string
  exception: string | null
  issuedAlone: string | null
  approvedBy: string | null
  template: { templateId: string; version: number; values: Record<string, string> } | null
  cap: { info: { headline?: string; instruction?: string; expires?: string }[] }
}

const info = {
  language: 'nl-BE',
  category: ['CBRNE'],
  event: 'Chemische brand',
  responseType: ['Shelter'],
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  eventCode: [],
  headline: 'Brand in {{place}}: sluit ramen en deuren',
  description: 'Een brand in {{place}} geeft giftige rook.',
  instruction: 'Blijf binnen, sluit ramen en deuren. Meer op {{site}}.',
  parameter: [{ valueName: 'shortText', value: 'Brand {{place}}: blijf binnen, ramen dicht.' }],
  resource: [],
  area: [
    {
      areaDesc: 'Antwerpen',
      polygon: ['51.10,4.20 51.10,4.60 51.35,4.60 51.35,4.20 51.10,4.20'],
      circle: [],
      geocode: [],
    },
  ],
}
const templateContent = {
  status: 'Actual',
  sender: 'alert@nccn.be',
  scope: 'Public',
  channels: ['sms', 'feed'],
  info: [info],
}
const values = { place: 'de haven', site: 'crisiscentrum.be' }
const filledInfo = (over: object = {}) => ({
  ...info,
  headline: 'Brand in de haven: sluit ramen en deuren',
  description: 'Een brand in de haven geeft giftige rook.',
  instruction: 'Blijf binnen, sluit ramen en deuren. Meer op crisiscentrum.be.',
  parameter: [{ valueName: 'shortText', value: 'Brand de haven: blijf binnen, ramen dicht.' }],
  expires: '2026-12-03T18:00:00+01:00',
  ...over,
})

describe.each(engines.map((e) => [e.name, e] as const))('alert templates on %s', (_name, engine) => {
  const clock = fixedClock(new Date('2026-12-03T10:00:00Z'))
  let node: TestNode
  let writer: TestSession & { account: { user: { id: string } } }
  let reviewer: TestSession & { account: { user: { id: string } } }
  let author: TestSession
  let police: TestSession

  const send = (s: TestSession, method: 'POST' | 'PUT', url: string, payload: object) =>
    node.app.inject({ method, url, headers: s.headers(), payload })
  const get = (s: TestSession, url: string) => node.app.inject({ method: 'GET', url, headers: s.headers() })
  const ok = async <T>(r: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) => {
    const answer = await r
    expect(answer.statusCode, answer.body).toBe(status)
    return answer.json() as T
  }
  const refused = async (r: Promise<{ statusCode: number; json(): unknown }>) => {
    const answer = await r
    const error = (answer.json() as { error: { code: string; reason?: string; message: string } }).error
    return { status: answer.statusCode, code: error.code, reason: error.reason, message: error.message }
  }
  const newTemplate = (name: string, content: object = templateContent) =>
    ok<TemplateAnswer>(send(writer, 'POST', '/api/v1/alert-templates', { name, content }), 201)
  const preApproved = async (name: string) => {
    const t = await newTemplate(name)
    return ok<TemplateAnswer>(
      send(reviewer, 'POST', `/api/v1/alert-templates/${t.id}/pre-approve`, { version: 1 }),
    )
  }
  const fromTemplate = (
    t: TemplateAnswer,
    over: { info?: object[]; values?: object; channels?: string[] } = {},
  ) => ({
    ...templateContent,
    channels: over.channels ?? templateContent.channels,
    info: over.info ?? [filledInfo()],
    template: { templateId: t.id, version: t.version, values: over.values ?? values },
  })
  const audited = (action: string) =>
    node.deps.store.db
      .selectFrom('audit')
      .select(['outcome', 'code', 'details', 'target'])
      .where('action', '=', action)
      .execute()

  beforeAll(async () => {
    node = await startTestNode(engine, { clock })
    await addOrganisation(node.deps, {
      organisation: { code: 'police', name: 'Police fédérale', kind: 'partner', country: 'BE' },
      caller: { kind: 'system', label: 'test' },
      source: 'test',
    })
    writer = await signedInAs(node, ['alert-approver'])
    reviewer = await signedInAs(node, ['alert-approver'])
    author = await signedInAs(node, ['alert-author'])
    police = await signedInAs(node, ['partner'], 'police')
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('is written by an approver with its placeholders, read by the organisation, paged, and refused to an author', async () => {
    const t = await newTemplate('Chemische brand')
    expect(t).toMatchObject({ version: 1, placeholders: ['place', 'site'], preApprovedBy: null })
    expect(
      await refused(send(author, 'POST', '/api/v1/alert-templates', { name: 'x', content: templateContent })),
    ).toMatchObject({
      status: 403,
      code: 'forbidden',
    })
    expect(
      await refused(
        send(writer, 'POST', '/api/v1/alert-templates', {
          name: ' Chemische brand ',
          content: templateContent,
        }),
      ),
    ).toMatchObject({
      status: 409,
      reason: 'alert_template_name_taken',
    })
    expect((await ok<TemplateAnswer>(get(author, `/api/v1/alert-templates/${t.id}`))).name).toBe(
      'Chemische brand',
    )
    expect(await refused(get(police, `/api/v1/alert-templates/${t.id}`))).toMatchObject({
      status: 403,
      code: 'other_organisation',
    })
    expect((await ok<{ items: unknown[] }>(get(police, '/api/v1/alert-templates'))).items).toEqual([])
    await newTemplate('Overstroming')
    const first = await ok<{ items: TemplateAnswer[]; next: string | null }>(
      get(author, '/api/v1/alert-templates?limit=1'),
    )
    expect(first.items).toHaveLength(1)
    const second = await ok<{ items: TemplateAnswer[] }>(
      get(author, `/api/v1/alert-templates?limit=1&after=${first.next}`),
    )
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id)
  })

  it('is pre-approved only by another approver, at the version read; a change withdraws it', async () => {
    const t = await newTemplate('Maandelijkse test')
    expect(
      await refused(send(writer, 'POST', `/api/v1/alert-templates/${t.id}/pre-approve`, { version: 1 })),
    ).toMatchObject({
      status: 403,
      reason: 'alert_template_same_person',
    })
    expect(
      await refused(send(reviewer, 'POST', `/api/v1/alert-templates/${t.id}/pre-approve`, { version: 2 })),
    ).toMatchObject({
      status: 409,
      reason: 'stale_version',
    })
    const p = await ok<TemplateAnswer>(
      send(reviewer, 'POST', `/api/v1/alert-templates/${t.id}/pre-approve`, { version: 1 }),
    )
    expect(p.preApprovedBy).toBe(reviewer.account.user.id)
    const changed = await ok<TemplateAnswer>(
      send(writer, 'PUT', `/api/v1/alert-templates/${t.id}`, {
        version: 1,
        name: 'Maandelijkse test',
        content: templateContent,
      }),
    )
    expect(changed).toMatchObject({ version: 2, preApprovedBy: null })
    const rows = await audited('alert-template.pre-approve')
    expect(rows.map((r) => r.outcome).sort()).toEqual(['ok', 'refused', 'refused'])
  })

  it('lets one approver issue an alert made from a pre-approved template unchanged, marked and audited as such', async () => {
    const t = await preApproved('Chemische brand haven')
    const a = await ok<AlertAnswer>(send(author, 'POST', '/api/v1/alerts', fromTemplate(t)), 201)
    expect(a).toMatchObject({ exception: 'template', template: { templateId: t.id, version: 1, values } })
    const issued = await ok<AlertAnswer>(
      send(reviewer, 'POST', `/api/v1/alerts/${a.id}/issue-alone`, {
        version: a.version,
        exception: 'template',
      }),
    )
    expect(issued).toMatchObject({
      state: 'issued',
      issuedAlone: 'template',
      approvedBy: reviewer.account.user.id,
    })
    const xml = (await ok<{ issuedXml: string }>(get(reviewer, `/api/v1/alerts/${a.id}`))).issuedXml
    expect(validateCapXsd(xml)).toEqual([])
    expect(xml).toContain('Brand in de haven: sluit ramen en deuren')
    const row = (await audited('alert.issue-alone')).find((r) => r.target === a.id)
    expect(row).toMatchObject({
      outcome: 'ok',
      details: { issuedAlone: 'template', templateId: t.id, templateVersion: 1 },
    })
  })

  it('needs a second person once anything but the placeholders and times is changed, or the template is not pre-approved', async () => {
    const t = await preApproved('Chemische brand Gent')
    const cases = [
      fromTemplate(t, { info: [filledInfo({ severity: 'Extreme' })] }),
      fromTemplate(t, { info: [filledInfo({ instruction: 'Ga naar buiten.' })] }),
      fromTemplate(t, { info: [filledInfo(), { ...filledInfo(), language: 'fr-BE' }] }),
      fromTemplate(t, { channels: ['sms', 'feed', 'email'] }),
      fromTemplate(t, { values: { place: 'Gent', site: 'crisiscentrum.be' } }),
    ]
    for (const content of cases) {
      const a = await ok<AlertAnswer>(send(author, 'POST', '/api/v1/alerts', content), 201)
      expect(a.exception, JSON.stringify(content.info[0])).toBeNull()
      expect(
        await refused(
          send(reviewer, 'POST', `/api/v1/alerts/${a.id}/issue-alone`, {
            version: a.version,
            exception: 'template',
          }),
        ),
      ).toMatchObject({ status: 403, reason: 'alert_no_exception' })
    }
    const plain = await newTemplate('Niet vooraf goedgekeurd')
    const a = await ok<AlertAnswer>(send(author, 'POST', '/api/v1/alerts', fromTemplate(plain)), 201)
    expect(a.exception).toBeNull()
    // an edit that puts the template's text back qualifies again
    const b = await ok<AlertAnswer>(send(author, 'POST', '/api/v1/alerts', cases[1]!), 201)
    const back = await ok<AlertAnswer>(
      send(author, 'PUT', `/api/v1/alerts/${b.id}`, { version: 1, content: fromTemplate(t) }),
    )
    expect(back.exception).toBe('template')
  })

  it('stops qualifying once the template is changed or retired, and refuses bad values, naming them', async () => {
    const t = await preApproved('Overstroming Maas')
    const a = await ok<AlertAnswer>(send(author, 'POST', '/api/v1/alerts', fromTemplate(t)), 201)
    expect(a.exception).toBe('template')
    const changed = await ok<TemplateAnswer>(
      send(writer, 'PUT', `/api/v1/alert-templates/${t.id}`, {
        version: 1,
        name: 'Overstroming Maas',
        content: templateContent,
      }),
    )
    await ok(send(writer, 'POST', `/api/v1/alert-templates/${t.id}/pre-approve`, { version: 2 }), 403)
    expect(
      await refused(
        send(reviewer, 'POST', `/api/v1/alerts/${a.id}/issue-alone`, {
          version: a.version,
          exception: 'template',
        }),
      ),
    ).toMatchObject({ status: 403, reason: 'alert_no_exception' })
    const missing = await refused(
      send(author, 'POST', '/api/v1/alerts', fromTemplate(changed, { values: { place: 'Luik' } })),
    )
    expect(missing).toMatchObject({ status: 400, reason: 'alert_template_values_invalid' })
    expect(missing.message).toContain('template.values.site')
    expect(
      (
        await send(
          author,
          'POST',
          '/api/v1/alerts',
          fromTemplate(changed, { values: { ...values, 'bad name': 'x' } }),
        )
      ).statusCode,
    ).toBe(400)
    const retired = await ok<TemplateAnswer>(
      send(writer, 'POST', `/api/v1/alert-templates/${t.id}/retire`, { version: 2 }),
    )
    expect(retired.retiredAt).not.toBeNull()
    expect(await refused(send(author, 'POST', '/api/v1/alerts', fromTemplate(retired)))).toMatchObject({
      status: 409,
      reason: 'alert_template_retired',
    })
    expect(
      (await ok<{ items: TemplateAnswer[] }>(get(author, '/api/v1/alert-templates'))).items.map((i) => i.id),
    ).not.toContain(t.id)
    expect(
      (
        await ok<{ items: TemplateAnswer[] }>(get(author, '/api/v1/alert-templates?retired=true&limit=100'))
      ).items.map((i) => i.id),
    ).toContain(t.id)
    expect(
      await refused(
        send(
          author,
          'POST',
          '/api/v1/alerts',
          fromTemplate({ ...t, id: '01900000-0000-7000-8000-000000000000' }),
        ),
      ),
    ).toMatchObject({
      status: 404,
    })
  })

  it('fills the expiry of the alerts written before the column as the node computes it (m0041)', async () => {
    const db = node.deps.store.db
    const t = await newTemplate('Zonder einde')
    const open = await ok<AlertAnswer>(
      send(author, 'POST', '/api/v1/alerts', fromTemplate(t, { info: [filledInfo({ expires: undefined })] })),
      201,
    )
    const rows = await db.selectFrom('alerts').select(['id', 'expires_at']).execute()
    expect(rows.length).toBeGreaterThan(0)
    await db.updateTable('alerts').set({ expires_at: null }).execute()
    await fillAlertExpiry(db)
    const after = await db.selectFrom('alerts').select(['id', 'expires_at']).execute()
    const byId = new Map(after.map((r) => [r.id, r.expires_at?.toISOString() ?? null]))
    for (const r of rows) expect(byId.get(r.id)).toBe(r.expires_at?.toISOString() ?? null)
    expect(byId.get(open.id)).toBeNull()
    expect([...byId.values()].filter((v) => v !== null).length).toBeGreaterThan(0)
  })

  it('ends an issued alert at its expiry with one query on the expiry column', async () => {
    const t = await preApproved('Chemische brand Luik')
    const a = await ok<AlertAnswer>(send(author, 'POST', '/api/v1/alerts', fromTemplate(t)), 201)
    await ok(
      send(reviewer, 'POST', `/api/v1/alerts/${a.id}/issue-alone`, {
        version: a.version,
        exception: 'template',
      }),
    )
    const row = await node.deps.store.db
      .selectFrom('alerts')
      .select('expires_at')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow()
    expect(row.expires_at?.toISOString()).toBe('2026-12-03T17:00:00.000Z')
    const state = async () =>
      (
        await node.deps.store.db
          .selectFrom('alerts')
          .select('state')
          .where('id', '=', a.id)
          .executeTakeFirstOrThrow()
      ).state
    clock.set(new Date('2026-12-03T16:59:59Z'))
    await advanceAlerts(node.deps)
    expect(await state()).toBe('issued')
    clock.set(new Date('2026-12-03T17:00:00Z'))
    expect((await advanceAlerts(node.deps)).expired).toBeGreaterThanOrEqual(1)
    expect(await state()).toBe('expired')
  })
})
