import { describe, expect, it } from 'vitest'
import { parseBenchNames } from './benchNames.ts'

describe('parseBenchNames', () => {
  it('takes one name or several, comma-separated', () => {
    expect(parseBenchNames('writes')).toEqual({ ok: true, value: new Set(['writes']) })
    expect(parseBenchNames('flood, stream')).toEqual({ ok: true, value: new Set(['flood', 'stream']) })
  })

  it('refuses an unknown name or none, naming the benches', () => {
    const unknown = parseBenchNames('writes,speed')
    expect(unknown.ok).toBe(false)
    if (!unknown.ok) expect(unknown.error).toContain('not a bench: speed')
    expect(parseBenchNames(' , ').ok).toBe(false)
  })
})
