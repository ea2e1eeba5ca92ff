import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { capSchemaText } from './capSchemaText.ts'

describe('capSchemaText', () => {
  it('is the official XSD, byte for byte, as in the standards folder', () => {
    const here = readFileSync(new URL('./CAP-v1.2.xsd', import.meta.url), 'utf8')
    expect(capSchemaText).toBe(here)
    expect(capSchemaText).toBe(readFileSync('/work/shared/standards/cap/CAP-v1.2.xsd', 'utf8'))
  })
})
