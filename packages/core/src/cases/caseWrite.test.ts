import { describe, expect, it } from 'vitest'
import type { CaseWriteOptions, CaseWriteRefusal } from './caseWrite.ts'
import { mayWriteToCase } from './caseWrite.ts'

const open = { ownerOrgId: 'centre', participants: ['fire'], state: 'open' as const }
const closed = { ...open, state: 'closed' as const }

describe('writing to a case', () => {
  const table: [string, typeof open | typeof closed, string, CaseWriteOptions, CaseWriteRefusal | null][] = [
    ['the owner writes', open, 'centre', {}, null],
    ['a participant writes', open, 'fire', {}, null],
    [
      'an organisation removed from the case (or never in it) does not',
      open,
      'police',
      {},
      'not_participant',
    ],
    ['a participant does not make an owner-only change', open, 'fire', { ownerOnly: true }, 'not_owner'],
    ['the owner makes an owner-only change', open, 'centre', { ownerOnly: true }, null],
    ['nobody writes to a closed case', closed, 'centre', {}, 'case_closed'],
    ['the owner re-opens a closed case', closed, 'centre', { ownerOnly: true, whileClosed: true }, null],
    ['an outsider learns nothing of the state', closed, 'police', { whileClosed: true }, 'not_participant'],
    ['taking part comes before the state', closed, 'police', {}, 'not_participant'],
  ]
  it.each(table)('%s', (_name, c, orgId, options, refusal) => {
    const decided = mayWriteToCase(c, orgId, options)
    expect(decided).toEqual(refusal === null ? { ok: true, value: undefined } : { ok: false, error: refusal })
  })
})
