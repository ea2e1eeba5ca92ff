import { describe, expect, it } from 'vitest'
import type { LogEntry } from './LogEntry.ts'
import { conditionsFromLog } from './Sitrep.ts'

const base: Omit<
  LogEntry,
  'id' | 'text' | 'discipline' | 'occurred' | 'occurredAt' | 'recordedAt' | 'supersedes'
> = {
  caseId: 'c1',
  orgId: 'o1',
  authorId: 'u1',
  authorName: 'Dirk',
  source: 'radio',
  location: null,
}
const entry = (
  id: string,
  minute: number,
  discipline: LogEntry['discipline'],
  text: string,
  supersedes: string | null = null,
): LogEntry => ({
  ...base,
  id,
  text,
  discipline,
  supersedes,
  occurredAt: new Date(Date.UTC(2026, 10, 29, 8, minute)),
  occurred: { at: new Date(Date.UTC(2026, 10, 29, 8, minute)), zone: 'Europe/Brussels', qualifier: 'exact' },
  recordedAt: new Date(Date.UTC(2026, 10, 29, 8, minute + 1)),
})

describe('conditionsFromLog', () => {
  it('groups the period by discipline, oldest first, and keeps corrections instead of what they correct', () => {
    const text = conditionsFromLog(
      [
        entry('a', 5, 'be-d3-police', 'Périmètre 300 m'),
        entry('b', 7, 'be-d2-medical', 'Trois blessés légers'),
        entry('c', 9, 'be-d3-police', 'Périmètre 500 m (correction)', 'a'),
        entry('d', 1, 'be-d3-police', 'Before the period'),
      ],
      { from: new Date(Date.UTC(2026, 10, 29, 8, 3)), to: new Date(Date.UTC(2026, 10, 29, 9, 0)) },
      (at) => at.toISOString().slice(11, 16),
    )
    expect(text).toBe(
      'be-d2-medical:\n- 08:07 Trois blessés légers\n\nbe-d3-police:\n- 08:09 Périmètre 500 m (correction)',
    )
  })
})
