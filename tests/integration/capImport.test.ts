import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunningNode } from '@liaison/server'
import { startNode } from '@liaison/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEngines } from '../support/engines.ts'
import { signedInAs } from '../support/identity.ts'
import { runCliHere } from '../support/runCli.ts'
import { captureLog, cliNodeFlags, testConfig } from '../support/testNode.ts'

const examples = fileURLToPath(new URL('../../packages/formats/src/cap/examples', import.meta.url))
const example = (n: string) => `${examples}/CAP-v1.2-appendix-${n}.xml`
const dir = mkdtempSync(join(tmpdir(), 'liaison-cap-import-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text: string | Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const a2 = readFileSync(example('A.2'), 'utf8')
const a3 = readFileSync(example('A.3'), 'utf8')
/** The message A.3 updates, made from A.3 itself: the same sender, its identifier and sent. */
const a3Original = file(
  'TRI13970876.1.xml',
  a3
    .replace('TRI13970876.2', 'TRI13970876.1')
    .replace('2003-06-11T20:56:00-07:00', '2003-06-11T20:30:00-07:00')
    .replace('<msgType>Update</msgType>', '<msgType>Alert</msgType>')
    .replace(/<references>[^<]*<\/references>/, ''),
)
/** Usable, with a section-3 problem: a polygon of three points. */
const threePoints = file(
  'three-points.xml',
  a2
    .replace('KSTO1055887203', 'KSTO1055887204')
    .replace('</polygon>', '</polygon><polygon>38.47,-120.14 38.34,-119.95 38.47,-120.14</polygon>'),
)
const xxe = file(
  'xxe.xml',
  `<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>${a2.replace('KSTO1055887203', 'X1')}`,
)
const oversized = file(
  'oversized.xml',
  a2.replace('KSTO1055887203', 'X2').replace('</description>', `${'x'.repeat(1024 * 1024)}</description>`),
)
const cap11 = file('cap11.xml', a2.replace('KSTO1055887203', 'X3').replace('cap:1.2', 'cap:1.1'))
const againstXsd = file(
  'xsd.xml',
  a2.replace('KSTO1055887203', 'X4').replace('<scope>', '<colour>red</colour><scope>'),
)

interface Line {
  file: string
  valid: boolean
  errors: { path: string; message: string }[]
  warnings: { path: string; message: string }[]
  imported: boolean
  id?: string
  reason?: string
  refersTo?: string
}
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line)

const engines = await testEngines()

describe.each(engines)('liaison cap import on $name', (engine) => {
  let db: Awaited<ReturnType<typeof engine.fresh>>
  let flags: string[]
  beforeAll(async () => {
    db = await engine.fresh()
    flags = cliNodeFlags(db.options)
  })
  afterAll(async () => db.dispose())

  /** Runs the check against the node's store (the CLI has closed it), then stops the node. */
  async function withNode<T>(body: (node: RunningNode) => Promise<T>): Promise<T> {
    const node = await startNode({ config: testConfig(db.options), log: captureLog().log, listen: false })
    try {
      return await body(node)
    } finally {
      await node.close()
    }
  }
  const receivedCount = (node: RunningNode) =>
    node.deps.store.db
      .selectFrom('received_alerts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n))

  it('imports the four official examples and an alert A.3 updates, linking the update, audited', async () => {
    const files = [a3Original, example('A.1'), example('A.2'), example('A.3'), example('A.4')]
    const result = await runCliHere(['cap', 'import', ...flags, ...files])
    expect(result.stderr).not.toMatch(/error/i)
    expect(result.code).toBe(0)
    const out = lines(result.stdout)
    expect(out.map((l) => [l.file, l.valid, l.imported, l.errors, l.warnings])).toEqual(
      files.map((f) => [f, true, true, [], []]),
    )
    const original = out[0]?.id
    expect(out[3]?.refersTo).toBe(original)
    expect(out.filter((l) => l.refersTo !== undefined)).toHaveLength(1)
    await withNode(async (node) => {
      expect(await receivedCount(node)).toBe(5)
      const a1 = await node.deps.store.db
        .selectFrom('received_alerts')
        .selectAll()
        .where('identifier', '=', '43b080713727')
        .executeTakeFirstOrThrow()
      expect(a1).toMatchObject({
        sender: 'hsas@dhs.gov',
        sent: '2003-04-02T14:39:01-05:00',
        status: 'Actual',
        msg_type: 'Alert',
        cap_references: null,
        refers_to: null,
        warnings: [],
        original: readFileSync(example('A.1'), 'utf8'),
      })
      expect(a1.sent_at.toISOString()).toBe('2003-04-02T19:39:01.000Z')
      expect((a1.alert as { info: { event: string }[] }).info[0]?.event).toBe(
        'Homeland Security Advisory System Update',
      )
      const audit = await node.deps.store.db
        .selectFrom('audit')
        .select(['action', 'outcome', 'source', 'actor', 'target'])
        .where('action', '=', 'alert.import')
        .execute()
      expect(audit).toHaveLength(5)
      expect(
        audit.every((a) => a.outcome === 'ok' && a.source === 'cli' && a.actor.startsWith('operator:')),
      ).toBe(true)
      expect(audit.map((a) => a.target)).toContain(original)
    })
  })

  it('a second import of the same file says already imported, exits 0 and writes nothing', async () => {
    const result = await runCliHere(['cap', 'import', ...flags, example('A.2')])
    expect(result.code).toBe(0)
    expect(lines(result.stdout)).toEqual([
      expect.objectContaining({ valid: true, imported: false, reason: 'already imported' }),
    ])
    await withNode(async (node) => expect(await receivedCount(node)).toBe(5))
  })

  it('keeps a usable file with its rule problems as warnings, and refuses hostile and non-CAP files, storing nothing of them (exit 1)', async () => {
    const files = [threePoints, xxe, oversized, cap11, againstXsd, join(dir, 'missing.xml')]
    const result = await runCliHere(['cap', 'import', ...flags, ...files])
    expect(result.code).toBe(1)
    const out = lines(result.stdout)
    expect(out.map((l) => [l.valid, l.imported])).toEqual([
      [true, true],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
    ])
    expect(out[0]?.warnings.map((w) => w.path)).toEqual(['alert.info[0].area[0].polygon[1]'])
    expect(out[1]?.errors[0]?.message).toMatch(/no DTDs/)
    expect(out[2]?.errors[0]?.message).toMatch(/at most 1048576/)
    expect(out[3]?.errors[0]?.message).toMatch(/^not CAP 1\.2/)
    expect(out[4]?.errors[0]?.message).toMatch(/colour/)
    expect(out[5]?.errors[0]?.path).toBe('file')
    await withNode(async (node) => {
      expect(await receivedCount(node)).toBe(6)
      const kept = await node.deps.store.db
        .selectFrom('received_alerts')
        .select('warnings')
        .where('identifier', '=', 'KSTO1055887204')
        .executeTakeFirstOrThrow()
      expect(kept.warnings).toEqual([expect.objectContaining({ path: 'alert.info[0].area[0].polygon[1]' })])
    })
  })

  it('links an Update imported before the message it references once that message arrives', async () => {
    const update = file(
      'TRI13970876.9.xml',
      a3
        .replace('TRI13970876.2', 'TRI13970876.9')
        .replace('2003-06-11T20:56:00-07:00', '2003-06-11T21:10:00-07:00')
        .replace(
          /<references>[^<]*<\/references>/,
          '<references>trinet@caltech.edu,TRI13970876.8,2003-06-11T21:00:00-07:00</references>',
        ),
    )
    const original = file(
      'TRI13970876.8.xml',
      a3
        .replace('TRI13970876.2', 'TRI13970876.8')
        .replace('2003-06-11T20:56:00-07:00', '2003-06-11T21:00:00-07:00')
        .replace('<msgType>Update</msgType>', '<msgType>Alert</msgType>')
        .replace(/<references>[^<]*<\/references>/, ''),
    )
    const first = await runCliHere(['cap', 'import', ...flags, update])
    expect(lines(first.stdout)[0]).not.toHaveProperty('refersTo')
    const second = await runCliHere(['cap', 'import', ...flags, original])
    expect(second.code).toBe(0)
    const originalId = lines(second.stdout)[0]?.id
    await withNode(async (node) => {
      const row = await node.deps.store.db
        .selectFrom('received_alerts')
        .select('refers_to')
        .where('identifier', '=', 'TRI13970876.9')
        .executeTakeFirstOrThrow()
      expect(row.refers_to).toBe(originalId)
    })
  })

  it('lists them a page at a time on GET /api/v1/received-alerts, newest sent first', async () => {
    await withNode(async (node) => {
      const viewer = await signedInAs(node as never, ['viewer'])
      const seen: { identifier: string; sent: string; refersTo: string | null; id: string }[] = []
      let after: string | null = null
      do {
        const response: { statusCode: number; json(): unknown } = await node.app.inject({
          method: 'GET',
          url: `/api/v1/received-alerts?limit=2${after ? `&after=${after}` : ''}`,
          headers: viewer.headers(),
        })
        expect(response.statusCode).toBe(200)
        const page = response.json() as { items: typeof seen; next: string | null }
        expect(page.items.length).toBeLessThanOrEqual(2)
        seen.push(...page.items)
        after = page.next
      } while (after !== null)
      expect(seen.map((s) => s.identifier)).toEqual([
        // the same sent: the later import (a later id) first
        'KSTO1055887204',
        'KSTO1055887203',
        'KAR0-0306112239-SW',
        'TRI13970876.9',
        'TRI13970876.8',
        'TRI13970876.2',
        'TRI13970876.1',
        '43b080713727',
      ])
      expect(seen[3]?.refersTo).toBe(seen[4]?.id)
      expect(seen[5]?.refersTo).toBe(seen[6]?.id)
      const anonymous = await node.app.inject({ method: 'GET', url: '/api/v1/received-alerts' })
      expect(anonymous.statusCode).toBe(401)
      const bad = await node.app.inject({
        method: 'GET',
        url: '/api/v1/received-alerts?after=notacursor',
        headers: viewer.headers(),
      })
      expect(bad.statusCode).toBe(400)
    })
  })
})
