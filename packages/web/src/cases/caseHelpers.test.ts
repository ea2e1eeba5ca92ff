import { describe, expect, it } from 'vitest'
import type { LogEntryRecord } from '../api/casesApi.ts'
import { mergeEntry, sizeLabel, titleFromText } from './caseHelpers.ts'

const entry = (id: string, extra: Partial<LogEntryRecord> = {}): LogEntryRecord => ({
  id,
  caseId: null,
  orgId: 'org_1',
  authorId: 'usr_1',
  authorName: 'Dirk Duty',
  occurredAt: '2026-01-01T10:00:00Z',
  recordedAt: '2026-01-01T10:00:00Z',
  discipline: 'multidisciplinary',
  source: 'phone',
  text: 'text',
  location: null,
  supersedes: null,
  ...extra,
})

describe('attachment sizes', () => {
  it('reads as bytes, kilobytes or megabytes', () => {
    expect(sizeLabel(5)).toEqual({ key: 'sizeB', size: '5' })
    expect(sizeLabel(12 * 1024 + 100)).toEqual({ key: 'sizeKb', size: '12' })
    expect(sizeLabel(3.5 * 1024 * 1024)).toEqual({ key: 'sizeMb', size: '3.5' })
  })
})

describe('a case from a log entry', () => {
  it('takes its title from the first words', () => {
    expect(titleFromText('  Gas smell near the quay ')).toBe('Gas smell near the quay')
    expect(titleFromText('one two three four five six seven eight nine')).toBe(
      'one two three four five six seven eight…',
    )
  })
})

describe('log entries arriving twice', () => {
  it('keeps the attachments a live copy leaves out', () => {
    const withFile = entry('a', {
      attachments: [{ id: 'att_1', fileName: 'note.txt', contentType: 'text/plain', size: 5 }],
    })
    expect(mergeEntry(withFile, entry('a')).attachments).toHaveLength(1)
    expect(mergeEntry(entry('a'), withFile).attachments).toHaveLength(1)
  })
})
