import { describe, expect, it } from 'vitest'
import { demoPdf } from './demoPdf.ts'

describe('demoPdf', () => {
  it('writes a PDF whose cross-reference table points at each object', () => {
    const pdf = demoPdf('Plan (test)', ['Ligne une', 'Phase fédérale: D1 à D5'])
    const text = pdf.toString('latin1')
    expect(text.startsWith('%PDF-1.4\n')).toBe(true)
    expect(text.endsWith('%%EOF\n')).toBe(true)
    const xrefAt = Number(/startxref\n(\d+)\n/.exec(text)?.[1])
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref')
    const offsets = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]))
    expect(offsets).toHaveLength(5)
    offsets.forEach((offset, i) => expect(text.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true))
    expect(text).toContain('(Plan \\(test\\)) Tj')
    expect(text).toContain('(Phase fédérale: D1 à D5)')
    expect(demoPdf('Plan d’urgence', []).toString('latin1')).toContain("(Plan d'urgence) Tj")
  })
})
