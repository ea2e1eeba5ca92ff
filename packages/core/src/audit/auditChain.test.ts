import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { AuditRecord, ChainedAuditRecord } from './auditChain.ts'
import { auditGenesisHash, auditHashInput, findAuditBreak } from './auditChain.ts'

const sha256 = async (text: string) => createHash('sha256').update(text).digest('hex')

async function chain(count: number): Promise<ChainedAuditRecord[]> {
  const rows: ChainedAuditRecord[] = []
  let prev = auditGenesisHash
  for (let i = 1; i <= count; i++) {
    const record: AuditRecord = {
      id: `0000000${i}-0000-7000-8000-000000000000`,
      at: new Date(Date.UTC(2026, 10, 29, 5, i)),
      actor: 'operator:alice',
      orgId: null,
      action: 'organisation.add',
      target: `org-${i}`,
      outcome: i % 3 === 0 ? 'refused' : 'ok',
      code: i % 3 === 0 ? 'conflict' : null,
      source: 'cli',
      details: { i },
    }
    const hash = await sha256(auditHashInput({ ...record, seq: i }, prev))
    rows.push({ ...record, seq: i, prevHash: prev, hash })
    prev = hash
  }
  return rows
}

describe('findAuditBreak', () => {
  it('accepts an intact chain, whole or continued from a verified row', async () => {
    const rows = await chain(6)
    expect(await findAuditBreak(rows, sha256)).toBeNull()
    expect(await findAuditBreak(rows.slice(3), sha256, { seq: 3, hash: rows[2]!.hash })).toBeNull()
  })

  it('names a row changed behind its back', async () => {
    const rows = await chain(6)
    rows[3] = { ...rows[3]!, actor: 'operator:mallory' }
    expect(await findAuditBreak(rows, sha256)).toEqual({ kind: 'changed', seq: 4 })
  })

  it('names the gap a deleted row leaves', async () => {
    const rows = await chain(6)
    rows.splice(2, 1)
    expect(await findAuditBreak(rows, sha256)).toEqual({ kind: 'gap', seq: 4, expectedSeq: 3 })
  })

  it('names the row after one inserted and renumbered behind its back', async () => {
    const rows = await chain(6)
    const forged: ChainedAuditRecord = { ...rows[1]!, seq: 3, id: 'forged', prevHash: rows[1]!.hash }
    const hash = await sha256(auditHashInput(forged, forged.prevHash))
    const tampered = [
      ...rows.slice(0, 2),
      { ...forged, hash },
      ...rows.slice(2).map((r) => ({ ...r, seq: r.seq + 1 })),
    ]
    expect(await findAuditBreak(tampered, sha256)).toEqual({ kind: 'unlinked', seq: 4 })
  })
})
