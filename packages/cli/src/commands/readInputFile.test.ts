import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InvalidArgumentError } from 'commander'
import { describe, expect, it } from 'vitest'
import { parseMaxBytes, readInputFile } from './readInputFile.ts'

describe('--max-bytes and reading an input file', () => {
  it('takes digits only, 1 to 100 MiB, and names the option otherwise', () => {
    expect(parseMaxBytes('1048576')).toBe(1_048_576)
    for (const bad of ['0', '-1', '1e3', ' 12', '12 ', '0x10', 'ten', '', '104857601', '9999999999'])
      expect(() => parseMaxBytes(bad), bad).toThrow(InvalidArgumentError)
    expect(() => parseMaxBytes('ten')).toThrow(/--max-bytes/)
  })

  it('reads a file up to the limit and refuses a larger one by its size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-input-'))
    const file = join(dir, 'a.xml')
    writeFileSync(file, 'x'.repeat(100))
    expect((await readInputFile(file, 100)).length).toBe(100)
    await expect(readInputFile(file, 99)).rejects.toThrow(/100 bytes, at most 99/)
    writeFileSync(file, '')
    expect((await readInputFile(file, 1)).length).toBe(0)
    await expect(readInputFile(join(dir, 'missing.xml'), 10)).rejects.toThrow(/ENOENT/)
  })
})
