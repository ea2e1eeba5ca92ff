import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startNode } from '@liaison/server'
import type { SimulatedSmsc, SmtpSink } from '@liaison/sim'
import type { ChannelSimulators } from '../support/channelSimulators.ts'
import { startChannelSimulators } from '../support/channelSimulators.ts'
import { testEngines } from '../support/engines.ts'
import { runCliHere } from '../support/runCli.ts'
import { captureLog, cliNodeFlags, testConfig } from '../support/testNode.ts'

/**
 * `liaison import subscribers FILE.csv --consent-basis TEXT` on both engines: the report of refused
 * rows (line and reason), the consent basis recorded, and each imported address's first message
 * sent through the simulated SMSC and SMTP sink, its code then confirming on the public listener.
 */
const engines = await testEngines()

const csv = [
  'phone,email,languages,label,lon,lat,area_code,wants_test,wants_exercise',
  '+32470555001,,nl fr,home,4.35,50.85,21004,no,yes',
  ',jan@example.be,fr,,,,,,',
  '0470 55 50 02,,nl,,,,,,',
  ',,nl,,,,,,',
  '+32470555003,,xx-toolong-tag,,,,,,',
  '+32470555001,,nl,,,,,,',
  '+32470555004,,nl,home,4.35',
  '+32470555005,"bad"quote,nl,,,,,,',
  '+352621555006,,de|fr,work,6.13,49.61,,yes,',
].join('\n')

describe.each(engines)('liaison import subscribers on $name', (engine) => {
  let db: Awaited<ReturnType<typeof engine.fresh>>
  let flags: string[]
  let channels: ChannelSimulators | undefined
  let smsc: SimulatedSmsc
  let sink: SmtpSink
  let operatorsFile: string
  let file: string
  beforeAll(async () => {
    db = await engine.fresh()
    channels = await startChannelSimulators({ prefixes: ['+32', '+352'] })
    smsc = channels.smsc
    sink = channels.sink
    operatorsFile = channels.config['sms.operatorsFile']!
    file = join(mkdtempSync(join(tmpdir(), 'liaison-import-')), 'list.csv')
    writeFileSync(file, csv)
    flags = cliNodeFlags(db.options)
  })
  afterAll(async () => {
    await db?.dispose()
    await channels?.close()
  })

  it('imports the good rows, reports each refused one with its line, records the consent basis, and sends each address its first message', async () => {
    const result = await runCliHere([
      'import',
      'subscribers',
      ...flags,
      ...[
        '--sms-operators-file',
        operatorsFile,
        '--email-smtp-url',
        sink.url,
        '--email-from',
        'noreply@alert.example.be',
      ],
      ...['--public-url', 'https://alert.example.be'],
      file,
      '--consent-basis',
      'Règlement communal du 12 mars 2024, art. 3',
    ])
    expect(result.stdout.split('\n'), result.stderr).toEqual([
      expect.stringMatching(
        /^imported 3 subscribers from .*list\.csv \(consent basis: Règlement communal du 12 mars 2024, art\. 3\); 6 rows refused; 3 first messages sent, 0 failed$/,
      ),
      expect.stringMatching(/^refused line 4: phone: not an E\.164 phone number/),
      'refused line 5: no phone and no email',
      'refused line 6: languages: one to five language tags, such as "nl fr"',
      'refused line 7: phone: the same address as an earlier row',
      'refused line 8: 5 fields, the first line names 9',
      'refused line 9: quote inside field',
      '',
    ])
    expect(result.code).toBe(1)
    const sms = smsc.received()
    expect(sms.map((m) => m.to).sort()).toEqual(['+32470555001', '+352621555006'])
    const dutch = sms.find((m) => m.to === '+32470555001')!
    expect(dutch.text).toContain('uw gemeente')
    expect(dutch.text).toContain('https://alert.example.be/public/v1/unsubscribe/lunsub_')
    expect(sms.find((m) => m.to === '+352621555006')!.text).toContain('Ihre Gemeinde')
    await sink.waitFor(1)
    expect(sink.messages[0]!.rcptTo).toEqual(['jan@example.be'])
    expect(sink.messages[0]!.parsed.text).toContain('votre commune')

    // the code of the first message claims nothing by itself here, but confirms the address on the listener
    const node = await startNode({ config: testConfig(db.options), log: captureLog().log, listen: false })
    try {
      const rows = await node.deps.store.db
        .selectFrom('subscribers')
        .selectAll()
        .orderBy('created_at')
        .execute()
      expect(rows.map((r) => [r.origin, r.consent_basis, r.languages])).toEqual([
        ['imported', 'Règlement communal du 12 mars 2024, art. 3', ['nl', 'fr']],
        ['imported', 'Règlement communal du 12 mars 2024, art. 3', ['fr']],
        ['imported', 'Règlement communal du 12 mars 2024, art. 3', ['de', 'fr']],
      ])
      expect(rows.map((r) => [r.wants_test, r.wants_exercise])).toEqual([
        [false, true],
        [false, false],
        [true, false],
      ])
      const places = await node.deps.store.db
        .selectFrom('subscriber_places')
        .selectAll()
        .orderBy('lon')
        .execute()
      expect(places.map((p) => [p.label, p.area_code])).toEqual([
        ['home', '21004'],
        ['work', null],
      ])
      const deliveries = await node.deps.store.db.selectFrom('subscriber_deliveries').selectAll().execute()
      expect(deliveries.map((d) => d.purpose)).toEqual(['welcome', 'welcome', 'welcome'])
      expect(deliveries.every((d) => d.state !== 'failed')).toBe(true)
      const audit = await node.deps.store.db
        .selectFrom('audit')
        .selectAll()
        .where('action', '=', 'citizen.import')
        .execute()
      expect(audit).toHaveLength(1)
      expect(audit[0]!.details).toMatchObject({ imported: 3, refused: 0 })

      // the person proves control with the code of the first message: a management token
      const claim = (payload: Record<string, unknown>) =>
        node.publicApp!.inject({
          method: 'POST',
          url: '/public/v1/subscribers/claim',
          headers: { host: '127.0.0.1' },
          payload,
        })
      const code = /\b(\d{6})\b/.exec(dutch.text)![1]!
      const wrong = code === '000000' ? '111111' : '000000'
      expect((await claim({ kind: 'sms', address: '+32470555001', code: wrong })).statusCode).toBe(401)
      // an address no one registered answers as a wrong code does
      const nobody = await claim({ kind: 'sms', address: '+32470555999', code })
      expect(nobody.statusCode).toBe(401)
      expect(nobody.json()).toMatchObject({ error: { reason: 'confirmation_code_wrong' } })
      const claimed = await claim({ kind: 'sms', address: '+32 470 55 50 01'.replaceAll(' ', ''), code })
      expect(claimed.statusCode, claimed.body).toBe(201)
      const { token } = claimed.json<{ token: string }>()
      const held = await node.publicApp!.inject({
        method: 'GET',
        url: '/public/v1/subscriber',
        headers: { host: '127.0.0.1', authorization: `Bearer ${token}` },
      })
      expect(held.json()).toMatchObject({
        origin: 'imported',
        consentBasis: 'Règlement communal du 12 mars 2024, art. 3',
        addresses: [{ kind: 'sms', address: '+32470555001', confirmed: true }],
        places: [{ label: 'home', lon: 4.35, lat: 50.85, areaCode: '21004' }],
      })
    } finally {
      await node.close()
    }

    // a second import of the same list refuses every row as already registered, and sends nothing
    const again = await runCliHere([
      'import',
      'subscribers',
      ...flags,
      file,
      '--consent-basis',
      'x',
      '--no-send',
    ])
    expect(again.code).toBe(1)
    expect(again.stdout).toContain('imported 0 subscribers')
    expect(again.stdout).toContain('refused line 2: phone: already registered')
    expect(again.stdout).toContain('refused line 3: email: already registered')
    expect(smsc.received()).toHaveLength(2)
  })
})
