import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { capSchemaText } from './capSchemaText.ts'

describe('capSchemaText', () => {
  it('is the official XSD, byte for byte, as in CAP-v1.2.xsd beside it', () => {
    const here = readFileSync(new URL('./CAP-v1.2.xsd', import.meta.url), 'utf8')
    expect(capSchemaText).toBe(here)
  })
})
