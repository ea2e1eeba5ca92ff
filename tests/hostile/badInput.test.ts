import { randomBytes } from 'node:crypto'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorCodes } from '@liaison/core'
import { sha256Hex, verifyAuditChain } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { TestSession } from '../support/identity.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'
import { startTestNode } from '../support/testNode.ts'
import type { JsonSchema } from './schemaProbes.ts'
import { badQueryValues, badValues, fieldsOf, sample } from './schemaProbes.ts'

/**
 * The bad-input table over every operation of the node's OpenAPI document: every field of every
 * body and query schema gets every bad value, every route gets the bad requests of its kind, and
 * nothing answers 500. A new route is covered by being in the document.
 */

interface Operation {
  readonly method: string
  readonly path: string
  readonly body: JsonSchema | null
  readonly query: { name: string; required: boolean; schema: JsonSchema }[]
  readonly pathParams: { name: string; schema: JsonSchema }[]
  readonly headers: { name: string; required: boolean; schema: JsonSchema }[]
}

interface Probe {
  readonly label: string
  readonly request: InjectOptions
  /** Refused with this status (and for field probes, naming `names`); otherwise only: not 500. */
  readonly expect: { status: number[]; names?: string } | 'no-500'
}

interface Answer {
  readonly probe: Probe
  readonly status: number
  readonly body: string
}

const engines = await testEngines()
const bodyLimit = 64 * 1024
const probeTimeoutMs = 10_000
const closedCodes = new Set(Object.keys(errorCodes))
/** The upload routes take their bytes raw, with the file's name in this header. */
const fileNameHeader = 'x-filename'
/** The routes that take an XML document as their body, not JSON. */
const xmlDocumentRoutes: ReadonlySet<string> = new Set(['POST /api/v1/cases/import-edxl'])

function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const operations: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const parameters = (op.parameters ?? []) as {
        in: string
        name: string
        required?: boolean
        schema: JsonSchema
      }[]
      const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)
        ?.content
      operations.push({
        method: method.toUpperCase(),
        path,
        body: content?.['application/json']?.schema ?? null,
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema })),
        pathParams: parameters
          .filter((p) => p.in === 'path')
          .map((p) => ({ name: p.name, schema: p.schema })),
        headers: parameters
          .filter((p) => p.in === 'header')
          .map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema })),
      })
    }
  return operations
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!)
    }),
  )
  return results
}

describe.each(engines.map((e) => [e.name, e] as const))('bad input on %s', (_name, engine) => {
  let node: TestNode
  let admin: TestSession
  let operations: Operation[]
  /** Ids of real things, by the path segment that names them (`cases`, `tasks`, `map`, …). */
  const fixtures = new Map<string, string>()
  const uuid = () => {
    const hex = randomBytes(16).toString('hex')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  }

  const send = (request: InjectOptions) =>
    node.app.inject({
      remoteAddress: `10.${randomBytes(3).join('.')}`,
      ...request,
      headers: { ...admin.headers(), ...request.headers },
    })

  const create = async (method: 'POST', url: string, payload?: unknown, headers?: Record<string, string>) => {
    const response = await send({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as string }),
      ...(headers ? { headers } : {}),
    })
    if (response.statusCode !== 201 && response.statusCode !== 200)
      throw new Error(`fixture ${url}: ${response.statusCode} ${response.body}`)
    const body = response.json<Record<string, unknown>>()
    const id =
      body.id ??
      (body.token as { id?: unknown } | undefined)?.id ??
      (body.feed as { id?: unknown } | undefined)?.id
    if (typeof id !== 'string') throw new Error(`fixture ${url}: no id in ${response.body}`)
    return id
  }

  beforeAll(async () => {
    node = await startTestNode(engine, { config: { 'http.bodyLimit': bodyLimit } })
    admin = await signedInAs(node, [
      'admin',
      'duty-officer',
      'crisis-manager',
      'alert-author',
      'alert-approver',
    ])
    const doc = (await send({ url: '/api/docs/json' })).json<Parameters<typeof operationsOf>[0]>()
    operations = operationsOf(doc)

    // real things, so that the handlers behind the ids can be reached
    const caseId = await create('POST', '/api/v1/cases', {
      kind: 'incident',
      status: 'exercise',
      type: 'fire',
      title: 'Probe case',
      severity: 'minor',
    })
    fixtures.set('cases', caseId)
    // what partners sent is read by origin: a node id (/federation/incoming/{origin}/cases/{id})
    fixtures.set('incoming', 'nl')
    // and alert proposals (/alert-proposals/{origin}/{id})
    fixtures.set('alert-proposals', 'nl')
    // a peer is named by its node id (/federation/peers/{nodeId}/take-key)
    fixtures.set('peers', 'nl')
    // a user's paging address by its kind, and an acknowledgement link's token (decision 044)
    fixtures.set('paging-addresses', 'sms')
    fixtures.set('acknowledge', `lpage_${'A'.repeat(43)}`)
    const entry = await create('POST', `/api/v1/cases/${caseId}/log`, {
      discipline: 'multidisciplinary',
      source: 'phone',
      text: 'Probe entry',
    })
    fixtures.set('log-entries', entry)
    fixtures.set(
      'attachments',
      await create('POST', `/api/v1/log-entries/${entry}/attachments`, 'hello', {
        'content-type': 'text/plain',
        [fileNameHeader]: 'probe.txt',
      }),
    )
    fixtures.set('tasks', await create('POST', `/api/v1/cases/${caseId}/tasks`, { title: 'Probe task' }))
    fixtures.set('sitreps', await create('POST', `/api/v1/cases/${caseId}/sitreps`))
    fixtures.set(
      'map',
      await create('POST', `/api/v1/cases/${caseId}/map`, {
        kind: 'incident-point',
        label: 'Probe',
        geometry: { type: 'Point', coordinates: [4.35, 50.85] },
      }),
    )
    fixtures.set(
      'contacts',
      await create('POST', '/api/v1/contacts', {
        kind: 'person',
        name: 'Probe contact',
        revalidateBy: '2030-01-01',
      }),
    )
    const plan = await create('POST', '/api/v1/plans', { title: 'Probe plan' })
    fixtures.set('plans', plan)
    fixtures.set(
      'plan-documents',
      await create('POST', `/api/v1/plans/${plan}/documents`, 'plan', {
        'content-type': 'text/plain',
        [fileNameHeader]: 'plan.txt',
      }),
    )
    fixtures.set(
      'users',
      await create('POST', '/api/v1/users', {
        username: 'probe-user',
        displayName: 'Probe user',
        roles: ['viewer'],
        password: 'a long enough password for a probe',
      }),
    )
    fixtures.set(
      'tokens',
      await create('POST', '/api/v1/tokens', { name: 'probe', scopes: ['read'], expiresInDays: 30 }),
    )
    fixtures.set('feeds', await create('POST', '/api/v1/calendar/feeds'))
    fixtures.set('handovers', await create('POST', '/api/v1/handovers', {}))
    fixtures.set(
      'alerts',
      await create('POST', '/api/v1/alerts', {
        status: 'Exercise',
        sender: 'probe@liaison.test',
        scope: 'Public',
        channels: ['feed'],
        info: [
          {
            category: ['Met'],
            event: 'Probe',
            responseType: [],
            urgency: 'Expected',
            severity: 'Minor',
            certainty: 'Likely',
            eventCode: [],
            parameter: [],
            resource: [],
            area: [{ areaDesc: 'Probe', polygon: [], circle: ['50.85,4.35 2'], geocode: [] }],
          },
        ],
      }),
    )
  })
  afterAll(async () => {
    await node?.dispose()
  })

  /** The operation's URL with real ids (or, for a parameter given, that raw text). */
  const urlOf = (op: Operation, replace: Record<string, string> = {}, query = '') => {
    const segments = op.path.split('/')
    const path = segments
      .map((segment, i) => {
        const name = /^\{(.+)\}$/.exec(segment)?.[1]
        if (!name) return segment
        if (name in replace) return replace[name]!
        const before = segments[i - 1] ?? ''
        return fixtures.get(name === 'featureId' ? 'map' : before) ?? uuid()
      })
      .join('/')
    const required = op.query
      .filter((q) => q.required && !query.startsWith(`${q.name}=`))
      .map((q) => `${q.name}=${encodeURIComponent(String(sample(q.schema, uuid)))}`)
    const all = [...required, ...(query ? [query] : [])].join('&')
    return all ? `${path}?${all}` : path
  }
  const isUpload = (op: Operation) => op.headers.some((h) => h.name === fileNameHeader)
  const uploadHeaders = { 'content-type': 'text/plain', [fileNameHeader]: 'probe.txt' }

  /** Every probe of the table, built from the document. */
  function probes(): { refused: Probe[]; accepted: Probe[]; last: Probe[] } {
    const refused: Probe[] = []
    const accepted: Probe[] = []
    /** Probes of routes that, were they let through, would end the admin's session: run after the rest. */
    const last: Probe[] = []
    const json = { 'content-type': 'application/json' }
    for (const op of operations) {
      const name = `${op.method} ${op.path}`
      // every field of the body
      if (op.body) {
        for (const field of fieldsOf(op.body, uuid))
          for (const bad of badValues(field)) {
            const probe: Probe = {
              label: `${name} body/${field.path.join('/')}: ${bad.name}`,
              request: {
                method: op.method,
                url: urlOf(op),
                headers: json,
                payload: field.build(bad.raw),
              },
              expect: bad.refused ? { status: [400], names: `body/${field.path.join('/')}` } : 'no-500',
            }
            ;(bad.refused ? refused : accepted).push(probe)
          }
        accepted.push({
          label: `${name}: the generated body`,
          request: {
            method: op.method,
            url: urlOf(op),
            headers: json,
            payload: JSON.stringify(sample(op.body, uuid)),
          },
          expect: 'no-500',
        })
        const wholeBody: [string, Record<string, string>, string | Buffer, number][] = [
          ['text/plain', { 'content-type': 'text/plain' }, 'hello', 415],
          ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=b', 415],
          ['no content type', {}, '{}', 415],
          ['an oversized body', json, JSON.stringify({ x: 'x'.repeat(bodyLimit) }), 413],
          ['10,000 nested arrays', json, '['.repeat(10_000) + ']'.repeat(10_000), 400],
          [
            'invalid UTF-8',
            json,
            Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
            400,
          ],
          ['a __proto__ key', json, '{"__proto__": {"admin": true}}', 400],
        ]
        for (const [what, headers, payload, status] of wholeBody)
          refused.push({
            label: `${name}: ${what}`,
            request: { method: op.method, url: urlOf(op), headers, payload },
            expect: { status: [status] },
          })
      } else if (op.method !== 'GET' && !isUpload(op)) {
        // a route that takes no body takes no text either
        last.push({
          label: `${name}: a text/plain body`,
          request: {
            method: op.method,
            url: urlOf(op),
            headers: { 'content-type': 'text/plain' },
            payload: 'x',
          },
          expect: { status: [415] },
        })
      }
      // every field of the query; the live stream would stay open on a value it accepts
      const streams = op.path === '/api/v1/stream'
      for (const param of op.query)
        for (const bad of badQueryValues(param.name, param.schema)) {
          if (streams && !bad.refused) continue
          const probe: Probe = {
            label: `${name} querystring/${param.name}: ${bad.name}`,
            request: { method: op.method, url: urlOf(op, {}, bad.query) },
            expect: bad.refused ? { status: [400], names: `querystring/${param.name}` } : 'no-500',
          }
          ;(bad.refused ? refused : accepted).push(probe)
        }
      // every path parameter
      const upload = isUpload(op) ? { headers: uploadHeaders, payload: 'hello' } : {}
      for (const param of op.pathParams) {
        const isId = param.schema.format === 'uuid'
        const raws: [string, string, number[], string | undefined][] = [
          ['%00', '%00', [400], `params/${param.name}`],
          ['%zz', '%zz', [400], 'path'],
          ['a broken UTF-8 escape', '%E0%A4%A', [400], 'path'],
          ['not a uuid', 'not-a-uuid', isId ? [400] : [400, 404], isId ? `params/${param.name}` : undefined],
        ]
        for (const [what, raw, status, names] of raws)
          refused.push({
            label: `${name} params/${param.name}: ${what}`,
            request: { method: op.method, url: urlOf(op, { [param.name]: raw }), ...upload },
            expect: { status, ...(names ? { names } : {}) },
          })
      }
      // the file name of an upload
      if (isUpload(op)) {
        const names: [string, string | undefined][] = [
          ['missing', undefined],
          ['empty', ''],
          ['CR LF', 'a%0D%0Ab.txt'],
          ['TAB, encoded', 'a%09b.txt'],
          ['TAB, raw', 'a\tb.txt'],
          ['a C0 control', 'a%01b.txt'],
          ['DEL', 'a%7Fb.txt'],
          ['a C1 control (NEL)', 'a%C2%85b.txt'],
          ['NUL', 'a%00b.txt'],
          ['%zz', 'a%zz.txt'],
          ['a broken UTF-8 escape', 'a%E0%A4%A.txt'],
          ['a lone surrogate, encoded', 'a%ED%A0%80.txt'],
        ]
        for (const [what, value] of names) {
          const headers: Record<string, string> = { 'content-type': 'text/plain' }
          if (value !== undefined) headers[fileNameHeader] = value
          refused.push({
            label: `${name} X-Filename: ${what}`,
            request: { method: op.method, url: urlOf(op), headers, payload: 'hello' },
            expect: { status: [400], names: fileNameHeader },
          })
        }
      }
    }
    // the routes that take an XML document (EDXL-DE): hostile and broken documents, by path
    for (const op of operations.filter((o) => xmlDocumentRoutes.has(`${o.method} ${o.path}`))) {
      const name = `${op.method} ${op.path}`
      const xml = { 'content-type': 'application/xml' }
      const documents: [string, string | Buffer, number, string | undefined][] = [
        [
          'a DTD with an external entity',
          `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`,
          400,
          'edxlDistribution',
        ],
        ['an entity declaration', '<x><!ENTITY e "y"></x>', 400, 'edxlDistribution'],
        ['not well-formed', '<edxlDistribution><a></edxlDistribution>', 400, 'edxlDistribution'],
        ['another namespace', '<edxlDistribution xmlns="urn:x"/>', 400, 'edxlDistribution'],
        [
          'invalid UTF-8',
          Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]),
          400,
          'edxlDistribution',
        ],
        ['an empty body', '', 400, 'body'],
        ['an oversized document', `<a>${'x'.repeat(1024 * 1024)}</a>`, 413, undefined],
      ]
      for (const [what, payload, status, names] of documents)
        refused.push({
          label: `${name}: ${what}`,
          request: { method: op.method, url: urlOf(op), headers: xml, payload },
          expect: { status: [status], ...(names ? { names } : {}) },
        })
    }
    return { refused, accepted, last }
  }

  const run = (list: readonly Probe[]) =>
    pool(list, 6, async (probe): Promise<Answer> => {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<Answer>((resolve) => {
        timer = setTimeout(() => resolve({ probe, status: 0, body: 'no answer in time' }), probeTimeoutMs)
      })
      const answer = send(probe.request).then((r) => ({ probe, status: r.statusCode, body: r.body }))
      try {
        return await Promise.race([answer, timeout])
      } finally {
        clearTimeout(timer)
      }
    })

  /**
   * Does an error name the field: by its schema path (`body/location/lat`), or as the rules in
   * core write it (`geometry: …`, `location.lat: …`)?
   */
  const namesField = (body: string, path: string) => {
    const text = body.toLowerCase()
    const [part, ...rest] = path.toLowerCase().split('/')
    return text.includes(path.toLowerCase()) || (part === 'body' && text.includes(`${rest.join('.')}:`))
  }

  /** What is wrong with an answer, or null. */
  const problemOf = ({ probe, status, body }: Answer): string | null => {
    if (status === 0) return 'no answer'
    if (status >= 500) return `${status} ${body.slice(0, 200)}`
    if (status >= 400) {
      let error: { code?: unknown; message?: unknown } | undefined
      try {
        error = (JSON.parse(body) as { error?: typeof error }).error
      } catch {
        return `${status} without the error body: ${body.slice(0, 200)}`
      }
      if (!error || !closedCodes.has(String(error.code)))
        return `${status} with no code of the closed set: ${body.slice(0, 200)}`
    }
    if (probe.expect === 'no-500') return null
    if (!probe.expect.status.includes(status))
      return `${status}, expected ${probe.expect.status.join(' or ')}: ${body.slice(0, 300)}`
    if (probe.expect.names && !namesField(body, probe.expect.names))
      return `does not name ${probe.expect.names}: ${body.slice(0, 300)}`
    return null
  }

  const countChanges = async () => {
    const db = node.deps.store.db
    const count = async (query: Promise<{ n: number | string | bigint }>) => Number((await query).n)
    return {
      events: await count(
        db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ),
      changesAudited: await count(
        db
          .selectFrom('audit')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('outcome', '!=', 'refused')
          .executeTakeFirstOrThrow(),
      ),
    }
  }

  it('covers every operation of the OpenAPI document', () => {
    const { refused, last } = probes()
    const probed = new Set(
      [...refused, ...last].map((p) => p.label.split(/ (?:body|querystring|params)\/| X-Filename|: /)[0]),
    )
    const withInput = operations.filter(
      (op) => op.body || op.query.length > 0 || op.pathParams.length > 0 || op.method !== 'GET',
    )
    expect(withInput.length).toBeGreaterThan(50)
    expect(withInput.map((op) => `${op.method} ${op.path}`).filter((n) => !probed.has(n))).toEqual([])
  })

  it('refuses every bad value in every field, path and header with a 4xx naming it, and changes nothing', async () => {
    const started = Date.now()
    const { refused, last } = probes()
    const before = await countChanges()
    const answers = [...(await run(refused)), ...(await run(last))]
    const problems = answers.flatMap((a) => {
      const problem = problemOf(a)
      return problem ? [`${a.probe.label}: ${problem}`] : []
    })
    expect(problems).toEqual([])
    expect(await countChanges()).toEqual(before)
    expect(await verifyAuditChain(node.deps.store.db, sha256Hex)).toMatchObject({ ok: true })
    // the admin's session survived all of it
    expect((await send({ url: '/api/v1/me' })).statusCode).toBe(200)
    process.stdout.write(
      `${engine.name}: ${refused.length + last.length} refused probes in ${Date.now() - started} ms\n`,
    )
  })

  it('answers every value it may accept (text with control characters, generated bodies) without a 500', async () => {
    const started = Date.now()
    const { accepted } = probes()
    const answers = await run(accepted)
    const problems = answers.flatMap((a) => {
      const problem = problemOf(a)
      return problem ? [`${a.probe.label}: ${problem}`] : []
    })
    expect(problems).toEqual([])
    expect(await verifyAuditChain(node.deps.store.db, sha256Hex)).toMatchObject({ ok: true })
    process.stdout.write(
      `${engine.name}: ${accepted.length} other probes in ${Date.now() - started} ms` + '\n',
    )
  })
})
