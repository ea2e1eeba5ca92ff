import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LiaisonError } from '@liaison/core'
import { loadBroadcastOperators, readBroadcastOperators } from './broadcast/broadcastOperators.js'
import { loadSmsOperators, readSmsOperators } from './sms/smsOperators.js'

function problemsOf(read: () => unknown): string[] {
  try {
    read()
  } catch (error) {
    expect(error).toBeInstanceOf(LiaisonError)
    expect((error as LiaisonError).code).toBe('config_invalid')
    return (error as LiaisonError & { details: { problems: string[] } }).details.problems
  }
  throw new Error('the file was accepted')
}

const sms = {
  id: 'proximus',
  host: '127.0.0.1',
  port: 2775,
  systemId: 'liaison',
  password: 'pw',
  sourceAddr: '8811',
}
const cbc = { id: 'proximus', url: 'https://cbc.example/cap', nationalLanguages: ['nl', 'fr'] }

describe('operators files', () => {
  it('accept a well-formed SMS and broadcast file with the defaults filled in', () => {
    const smsOps = readSmsOperators({ operators: [sms], ported: { '+32470000001': 'proximus' } })
    expect(smsOps.operators[0]?.ratePerSecond).toBeGreaterThan(0)
    expect(smsOps.ported).toEqual({ '+32470000001': 'proximus' })
    expect(readBroadcastOperators({ operators: [cbc] }).operators[0]?.attempts).toBe(4)
  })

  it('name every problem by its field and refuse the whole file', () => {
    expect(
      problemsOf(() =>
        readSmsOperators({
          operators: [sms, { ...sms, port: 'x' }],
          ported: { '+3247': 'nobody' },
          extra: 1,
        }),
      ),
    ).toEqual(
      expect.arrayContaining([
        'sms operators: extra: is not a field',
        "sms operators: operators[1].id: 'proximus' is given twice",
        expect.stringContaining('sms operators: operators[1].port'),
        `sms operators: ported["+3247"]: is not an E.164 number (+ and digits)`,
      ]),
    )
    expect(
      problemsOf(() => readBroadcastOperators({ operators: [cbc, { ...cbc, url: 'http://cbc.example/' }] })),
    ).toEqual([
      "broadcast operators: operators[1].url: 'http://cbc.example/' must be an https:// URL (http:// only on loopback)",
      "broadcast operators: operators[1].id: 'proximus' is given twice",
    ])
  })

  it('never repeat a password or token in a problem', () => {
    const text = problemsOf(() =>
      readSmsOperators({ operators: [{ ...sms, password: 'far-too-long-secret' }] }),
    ).join()
    expect(text).toContain('operators[0].password')
    expect(text).not.toContain('far-too-long-secret')
    const cbcText = problemsOf(() =>
      readBroadcastOperators({ operators: [{ ...cbc, token: 'a secret with spaces' }] }),
    ).join()
    expect(cbcText).toContain('operators[0].token')
    expect(cbcText).not.toContain('secret with')
  })

  it('refuse an unreadable or malformed file naming its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-operators-'))
    const bad = join(dir, 'operators.json')
    writeFileSync(bad, '{"operators": [')
    for (const load of [loadSmsOperators, loadBroadcastOperators]) {
      const [problem] = problemsOf(() => load(bad))
      expect(problem).toContain(bad)
      expect(problemsOf(() => load(join(dir, 'missing.json')))[0]).toContain('missing.json')
    }
  })
})
