import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, runCliHere } from '../support/runCli.ts'

const examples = fileURLToPath(new URL('../../packages/formats/src/cap/examples', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'liaison-cap-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('liaison cap validate', () => {
  it('prints one JSON line per file and exits 0 when all are valid', async () => {
    const files = ['A.1', 'A.2', 'A.3', 'A.4'].map((n) => `${examples}/CAP-v1.2-appendix-${n}.xml`)
    const result = await runCli(['cap', 'validate', ...files])
    expect(result.code).toBe(0)
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toEqual(files.map((f) => ({ file: f, valid: true, errors: [], warnings: [] })))
  })

  it('exits 1 when one is not valid, naming the path of each problem', async () => {
    const a2 = readFileSync(`${examples}/CAP-v1.2-appendix-A.2.xml`, 'utf8')
    const badPolygon = file('bad.xml', a2.replace('</polygon>', '</polygon><polygon>1,1 2,2 1,1</polygon>'))
    const cap11 = file('old.xml', a2.replace('cap:1.2', 'cap:1.1'))
    const xxe = file('xxe.xml', `<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>${a2}`)
    const result = await runCli([
      'cap',
      'validate',
      `${examples}/CAP-v1.2-appendix-A.1.xml`,
      badPolygon,
      cap11,
      xxe,
    ])
    expect(result.code).toBe(1)
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { valid: boolean; errors: { path: string; message: string }[] })
    expect(lines.map((l) => l.valid)).toEqual([true, false, false, false])
    expect(lines[1]?.errors.map((e) => e.path)).toEqual(['alert.info[0].area[0].polygon[1]'])
    expect(lines[2]?.errors[0]?.message).toMatch(/^not CAP 1\.2/)
    expect(lines[3]?.errors[0]?.message).toMatch(/no DTDs/)
  })

  it('exits 2 on a usage error', async () => {
    const result = await runCli(['cap', 'validate'])
    expect(result.code).toBe(2)
  })

  it('exits 2 on a usage error that Commander finds, for validate and import, and 64 elsewhere', async () => {
    const a1 = `${examples}/CAP-v1.2-appendix-A.1.xml`
    const unknownOption = await runCliHere(['cap', 'validate', '--strict', a1])
    expect(unknownOption).toMatchObject({ code: 2, stdout: '' })
    expect(unknownOption.stderr).toContain("unknown option '--strict'")
    expect((await runCliHere(['cap', 'validate', '--max-bytes'])).code).toBe(2)
    expect((await runCliHere(['cap', 'validate', '--max-bytes', '0', a1])).code).toBe(2)
    // never coerced: '1e3' is not a number of bytes
    const coerced = await runCliHere(['cap', 'validate', '--max-bytes', '1e3', a1])
    expect(coerced.code).toBe(2)
    expect(coerced.stderr).toContain('--max-bytes')
    // a file over the limit is refused by its size
    const small = await runCliHere(['cap', 'validate', '--max-bytes', '100', a1])
    expect(small.code).toBe(1)
    const refused = JSON.parse(small.stdout) as {
      valid: boolean
      errors: { path: string; message: string }[]
    }
    expect(refused.valid).toBe(false)
    expect(refused.errors.map((e) => e.path)).toEqual(['file'])
    expect(refused.errors[0]?.message).toMatch(/bytes, at most 100$/)
    expect((await runCliHere(['case', 'import-edxl', '--username', 'x', '--max-bytes', '-1', a1])).code).toBe(
      64,
    )
    expect((await runCliHere(['cap', 'import'])).code).toBe(2)
    expect((await runCliHere(['cap', 'import', '--max-bytes', 'ten', a1])).code).toBe(2)
    expect((await runCliHere(['cap', 'import', '--bogus', a1])).code).toBe(2)
    expect((await runCliHere(['cap', 'frobnicate'])).code).toBe(2)
    expect((await runCliHere(['org', 'list', '--bogus'])).code).toBe(64)
  })
})
