import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EdxlSchemaFiles } from '@liaison/formats/edxl'
import { readEdxlCase, validateEdxlXsd } from '@liaison/formats/edxl'
import type { RunningNode } from '@liaison/server'
import { addOrganisation, addUser, startNode } from '@liaison/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines } from '../support/engines.ts'
import type { TestSession, TestUser } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import { runCliHere } from '../support/runCli.ts'
import type { TestNode } from '../support/testNode.ts'
import { captureLog, cliNodeFlags, startTestNode, testConfig } from '../support/testNode.ts'

const edxlDir = fileURLToPath(new URL('../../packages/formats/src/edxl/', import.meta.url))
function schemaFiles(): EdxlSchemaFiles {
  const files: Record<string, Uint8Array> = {}
  const root = join(edxlDir, 'schema')
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.xsd')) files[relative(root, path)] = readFileSync(path)
    }
  }
  walk(root)
  return files
}
const schemas = schemaFiles()
const samplePath = join(edxlDir, 'examples', 'samu-69-emsi-update.xml')
/** Another system's message (SAMU 69, Lyon): an actual UPDATE about a cycle-lane incident. */
const sample = readFileSync(samplePath, 'utf8')
const emsiPath = 'edxlDistribution.content.contentObject[0].contentXML.embeddedXMLContent.emsi'

const engines = await testEngines()
type Session = TestSession & { account: TestUser }

describe.each(engines.map((e) => [e.name, e] as const))('EDXL-DE and EMSI on %s', (_name, engine) => {
  let node: TestNode
  let duty: Session
  let manager: Session
  let viewer: Session
  let police: Session
  let caseId: string
  let sitrepId: string

  const get = (s: Session, url: string) => node.app.inject({ url, headers: s.headers() })
  const send = (s: Session, method: 'POST' | 'PATCH', url: string, payload: object) =>
    node.app.inject({ method, url, payload, headers: s.headers() })
  const importXml = (s: Session, payload: string | Buffer, contentType = 'application/xml') =>
    node.app.inject({
      method: 'POST',
      url: '/api/v1/cases/import-edxl',
      payload,
      headers: { ...s.headers(), 'content-type': contentType },
    })
  const count = async (table: 'cases' | 'events') =>
    Number(
      (
        await node.deps.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  beforeAll(async () => {
    node = await startTestNode(engine)
    await addOrganisation(node.deps, {
      organisation: { code: 'police', name: 'Police fédérale', kind: 'partner', country: 'BE' },
      caller: { kind: 'system', label: 'test' },
      source: 'test',
    })
    duty = await signedInAs(node, ['duty-officer'])
    manager = await signedInAs(node, ['crisis-manager'])
    viewer = await signedInAs(node, ['viewer'])
    police = await signedInAs(node, ['partner'], 'police')
    const opened = await send(duty, 'POST', '/api/v1/cases', {
      kind: 'incident',
      status: 'exercise',
      type: 'chemical-release',
      title: 'Exercice: fuite de chlore à Visé',
      description: 'Un wagon-citerne fuit en gare de Visé.\nVent vers le nord-est (NL).',
      severity: 'major',
      location: { lon: 5.69, lat: 50.74 },
      startsAt: '2026-11-29T08:15:00Z',
      endsAt: '2026-11-30T20:00:00Z',
      disciplines: ['be-d1-rescue', 'be-d2-medical'],
      scaling: { doctrine: 'BE', level: 'provincial' },
    })
    expect(opened.statusCode).toBe(201)
    caseId = opened.json<{ id: string }>().id
    const drafted = await send(manager, 'POST', `/api/v1/cases/${caseId}/sitreps`, {})
    expect(drafted.statusCode).toBe(201)
    sitrepId = drafted.json<{ id: string }>().id
    const edited = await send(manager, 'PATCH', `/api/v1/sitreps/${sitrepId}`, {
      version: 1,
      casualties: { dead: 0, injured: 4, missing: 1, evacuated: 230 },
    })
    expect(edited.statusCode).toBe(200)
    const approved = await send(manager, 'POST', `/api/v1/sitreps/${sitrepId}/approve`, { version: 2 })
    expect(approved.statusCode).toBe(200)
  })
  afterAll(async () => {
    await node.dispose()
  })

  it('gives a case as EDXL-DE 2.0 with EMSI, valid against both XSDs, with the approved report’s counts', async () => {
    const response = await get(viewer, `/api/v1/cases/${caseId}/edxl`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8')
    expect(validateEdxlXsd(response.body, schemas)).toEqual([])
    const read = readEdxlCase(response.body)
    if (!read.ok) throw new Error(JSON.stringify(read.error))
    expect(read.value.warnings).toEqual([])
    expect(read.value.distribution).toMatchObject({ senderId: 'centre@be', status: 'Exercise' })
    expect(read.value.emsi.originOrgId).toBe('centre')
    expect(read.value.case).toMatchObject({
      id: caseId,
      kind: 'incident',
      status: 'exercise',
      state: 'open',
      type: 'chemical-release',
      title: 'Exercice: fuite de chlore à Visé',
      description: 'Un wagon-citerne fuit en gare de Visé.\nVent vers le nord-est (NL).',
      severity: 'major',
      disciplines: ['be-d1-rescue', 'be-d2-medical'],
      scaling: { doctrine: 'BE', level: 'provincial' },
      startsAt: new Date('2026-11-29T08:15:00Z'),
      endsAt: new Date('2026-11-30T20:00:00Z'),
      location: { lon: 5.69, lat: 50.74 },
      casualties: { counts: { dead: 0, injured: 4, missing: 1, evacuated: 230 } },
    })
  })

  it('gives a report as EDXL-DE 2.0 carrying its EDXL-SitRep-shaped JSON, valid against the XSD', async () => {
    const response = await get(viewer, `/api/v1/sitreps/${sitrepId}/edxl-de`)
    expect(response.statusCode).toBe(200)
    expect(validateEdxlXsd(response.body, schemas)).toEqual([])
    expect(response.body).toContain('<mimeType>application/json</mimeType>')
    const data = /<contentData>(.*)<\/contentData>/.exec(response.body)?.[1] ?? ''
    const json = (await get(viewer, `/api/v1/sitreps/${sitrepId}/edxl`)).json<object>()
    expect(JSON.parse(Buffer.from(data, 'base64').toString('utf8'))).toEqual(json)
  })

  it('shows neither to an organisation that does not take part, nor an unknown one', async () => {
    for (const url of [`/api/v1/cases/${caseId}/edxl`, `/api/v1/sitreps/${sitrepId}/edxl-de`]) {
      const refused = await get(police, url)
      expect(refused.statusCode).toBe(403)
      expect(refused.json<{ error: { reason: string } }>().error.reason).toBe('not_participant')
      expect(refused.body).not.toContain('chlore')
    }
    const unknown = '00000000-0000-4000-8000-000000000000'
    expect((await get(viewer, `/api/v1/cases/${unknown}/edxl`)).statusCode).toBe(404)
    expect((await get(viewer, `/api/v1/sitreps/${unknown}/edxl-de`)).statusCode).toBe(404)
  })

  it('imports another system’s EMSI message as a case the importing organisation owns, audited', async () => {
    const response = await importXml(police, sample, 'text/xml; charset=utf-8')
    expect(response.statusCode).toBe(403)
    const imported = await importXml(duty, sample)
    expect(imported.statusCode).toBe(201)
    const body = imported.json<{
      case: { id: string; ownerOrgId: string; title: string; status: string; type: string }
      original: object
      warnings: { path: string; message: string }[]
    }>()
    expect(body.case).toMatchObject({
      title: 'Incident sur voie cyclable',
      status: 'actual',
      type: 'trp-col',
      ownerOrgId: duty.account.user.orgId,
    })
    expect(body.original).toEqual({
      distributionId: 'fr.health.samu690_2024-01-09T16:00',
      senderId: 'fr.health.samu690',
      emsiId: 'd350c9d2-9d76-4568-b0b7-a747ffadc949',
      eventId: 'fr.health.samu690',
    })
    expect(body.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^not kept .*2 injured/)])
    const audit = await node.deps.store.db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'case.import-edxl')
      .execute()
    // the partner was refused at the edge (it may not manage cases), before reading the document
    expect(audit.map((a) => [a.outcome, a.target])).toEqual([['ok', body.case.id]])
    expect(audit[0]?.details).toMatchObject({ distributionId: 'fr.health.samu690_2024-01-09T16:00' })
    // the case reads as any other, with its location
    const read = await get(viewer, `/api/v1/cases/${body.case.id}`)
    expect(read.json()).toMatchObject({ location: { lat: 45.760169, lon: 4.830608 }, severity: 'major' })
  })

  it('an import retried with the same Idempotency-Key opens one case', async () => {
    const before = await count('cases')
    const retry = () =>
      node.app.inject({
        method: 'POST',
        url: '/api/v1/cases/import-edxl',
        payload: sample,
        headers: { ...duty.headers(), 'content-type': 'application/xml', 'idempotency-key': 'edxl-import-1' },
      })
    const first = await retry()
    const second = await retry()
    expect([first.statusCode, second.statusCode]).toEqual([201, 201])
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(second.json<{ case: { id: string } }>().case.id).toBe(
      first.json<{ case: { id: string } }>().case.id,
    )
    expect(await count('cases')).toBe(before + 1)
  })

  it('a case written by Liaison and imported again keeps its facts, under a new id', async () => {
    const exported = (await get(viewer, `/api/v1/cases/${caseId}/edxl`)).body
    const imported = await importXml(duty, exported)
    expect(imported.statusCode).toBe(201)
    const again = imported.json<{ case: Record<string, unknown> }>().case
    const original = (await get(viewer, `/api/v1/cases/${caseId}`)).json<Record<string, unknown>>()
    expect(again['id']).not.toBe(caseId)
    for (const key of ['kind', 'status', 'state', 'type', 'title', 'description', 'severity', 'location'])
      expect([key, again[key]]).toEqual([key, original[key]])
    expect(again['disciplines']).toEqual(original['disciplines'])
    expect(again['startsAt']).toEqual(original['startsAt'])
    expect(again['endsAt']).toEqual(original['endsAt'])
  })

  it.each([
    [
      'a DTD',
      `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${sample.slice(39)}`,
      400,
      'edxlDistribution:',
    ],
    ['not XML', 'plain words', 400, 'edxlDistribution: not well-formed'],
    ['no EMSI message', sample.replaceAll('EMSI/2_0', 'EMSI/9_9'), 400, 'edxlDistribution.content:'],
    [
      'an exercise in an actual envelope',
      sample.replace('<mode>ACTUAL</mode>', '<mode>EXERCS</mode>'),
      400,
      `${emsiPath}.context.mode:`,
    ],
    [
      'a CANCEL',
      sample.replace('<msgType>UPDATE</msgType>', '<msgType>CANCEL</msgType>'),
      400,
      `${emsiPath}.context.msgType:`,
    ],
    [
      'no distributionID',
      sample.replace(/<distributionID>.*<\/distributionID>/, ''),
      400,
      'edxlDistribution.distributionID:',
    ],
    ['an empty body', '', 400, 'body:'],
    ['over 1 MiB', sample.replace('</freetext>', `${'x'.repeat(1024 * 1024)}</freetext>`), 413, undefined],
  ])('refuses %s with a 4xx naming the path, writing nothing', async (_what, payload, status, names) => {
    const before = [await count('cases'), await count('events')]
    const response = await importXml(duty, payload)
    expect(response.statusCode).toBe(status)
    const error = response.json<{ error: { code: string; message: string } }>().error
    if (names !== undefined) expect(error.message).toContain(names)
    expect([await count('cases'), await count('events')]).toEqual(before)
  })

  it('refuses another content type (415) and a viewer (403)', async () => {
    const json = await importXml(duty, sample, 'application/json')
    expect(json.statusCode).toBe(415)
    expect(json.json<{ error: { message: string } }>().error.message).toContain('content-type')
    expect((await importXml(viewer, sample)).statusCode).toBe(403)
  })
})

describe.each(engines)('liaison case import-edxl on $name', (engine) => {
  let db: Awaited<ReturnType<typeof engine.fresh>>
  let flags: string[]
  const dir = mkdtempSync(join(tmpdir(), 'liaison-edxl-import-'))

  beforeAll(async () => {
    db = await engine.fresh()
    flags = cliNodeFlags(db.options)
    await withNode(async (node) => {
      for (const [username, roles] of [
        ['edxl.manager', ['crisis-manager']],
        ['edxl.viewer', ['viewer']],
      ] as const)
        await addUser(node.deps, {
          caller: { kind: 'system', label: 'test' },
          orgCode: 'centre',
          username,
          displayName: username,
          roles: [...roles],
          password: 'a long enough passphrase',
          source: 'test',
        })
    })
  })
  afterAll(async () => {
    await db.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  async function withNode<T>(body: (node: RunningNode) => Promise<T>): Promise<T> {
    const node = await startNode({ config: testConfig(db.options), log: captureLog().log, listen: false })
    try {
      return await body(node)
    } finally {
      await node.close()
    }
  }

  it('opens the case in the name of the person given, and prints one JSON line', async () => {
    const result = await runCliHere([
      'case',
      'import-edxl',
      ...flags,
      '--username',
      'edxl.manager',
      samplePath,
    ])
    expect(result.stderr).not.toMatch(/error/i)
    expect(result.code).toBe(0)
    const line = JSON.parse(result.stdout) as {
      imported: boolean
      id: string
      title: string
      warnings: unknown[]
    }
    expect(line).toMatchObject({ imported: true, title: 'Incident sur voie cyclable' })
    await withNode(async (node) => {
      const row = await node.deps.store.db
        .selectFrom('cases')
        .innerJoin('users', 'users.id', 'cases.created_by')
        .select(['users.username', 'cases.title'])
        .where('cases.id', '=', line.id)
        .executeTakeFirstOrThrow()
      expect(row).toEqual({ username: 'edxl.manager', title: 'Incident sur voie cyclable' })
      const audit = await node.deps.store.db
        .selectFrom('audit')
        .select(['actor', 'outcome', 'details'])
        .where('action', '=', 'case.import-edxl')
        .where('target', '=', line.id)
        .executeTakeFirstOrThrow()
      expect(audit).toMatchObject({
        outcome: 'ok',
        details: { senderId: 'fr.health.samu690', file: samplePath },
      })
      expect(audit.actor).toMatch(/^operator:/)
    })
  })

  it('refuses a hostile file (exit 1, the path named), and a person who may not open cases', async () => {
    const xxe = join(dir, 'xxe.xml')
    writeFileSync(xxe, `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${sample.slice(39)}`)
    const refused = await runCliHere(['case', 'import-edxl', ...flags, '--username', 'edxl.manager', xxe])
    expect(refused.code).toBe(1)
    expect(JSON.parse(refused.stdout)).toMatchObject({
      imported: false,
      errors: [{ path: 'edxlDistribution' }],
    })
    const viewer = await runCliHere([
      'case',
      'import-edxl',
      ...flags,
      '--username',
      'edxl.viewer',
      samplePath,
    ])
    expect(viewer.code).toBe(65)
    expect(viewer.stderr).toContain('username:')
  })
})
