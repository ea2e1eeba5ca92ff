import { describe, expect, it } from 'vitest'
import type { PagingCandidate, PagingPolicy } from './pagingRules.ts'
import {
  checkPagingPolicy,
  escalatesAt,
  judgeAcknowledgement,
  nextPagingStep,
  pagesOnCaseOpened,
  readSmsReply,
} from './pagingRules.ts'

const members = new Map<string, PagingCandidate>([
  ['a', { id: 'a', reachable: true }],
  ['b', { id: 'b', reachable: true }],
  ['c', { id: 'c', reachable: false }],
])
const policy: PagingPolicy = {
  chain: ['a', 'b'],
  minSeverity: 'major',
  stepSeconds: 300,
  incomingWaitSeconds: 600,
}

describe('checkPagingPolicy', () => {
  it.each([
    ['a good policy', policy, null],
    ['an empty chain', { ...policy, chain: [] }, null],
    ['no paging on cases nor items', { ...policy, minSeverity: null, incomingWaitSeconds: null }, null],
    ['a user twice', { ...policy, chain: ['a', 'b', 'a'] }, ['paging_chain_duplicate', 'chain/2']],
    ['a user of another organisation', { ...policy, chain: ['a', 'x'] }, ['paging_user_unknown', 'chain/1']],
    [
      'a user without a confirmed address',
      { ...policy, chain: ['c'] },
      ['paging_user_unreachable', 'chain/0'],
    ],
    ['a step of 0 s', { ...policy, stepSeconds: 0 }, ['paging_time_out_of_range', 'stepSeconds']],
    ['a step of 1.5 s', { ...policy, stepSeconds: 1.5 }, ['paging_time_out_of_range', 'stepSeconds']],
    ['a step over an hour', { ...policy, stepSeconds: 3601 }, ['paging_time_out_of_range', 'stepSeconds']],
    [
      'a wait over a day',
      { ...policy, incomingWaitSeconds: 86_401 },
      ['paging_time_out_of_range', 'incomingWaitSeconds'],
    ],
    [
      'a chain of 21',
      { ...policy, chain: Array.from({ length: 21 }, (_, i) => `u${i}`) },
      ['paging_chain_too_long', 'chain'],
    ],
  ] as const)('%s', (_name, given, refused) => {
    const checked = checkPagingPolicy(given, members)
    if (refused === null) expect(checked).toEqual({ ok: true, value: given })
    else expect(checked).toEqual({ ok: false, error: { reason: refused[0], field: refused[1] } })
  })
})

describe('pagesOnCaseOpened', () => {
  it.each([
    ['minor', false],
    ['moderate', false],
    ['major', true],
    ['critical', true],
  ] as const)('a %s case at major or higher: %s', (severity, pages) => {
    expect(pagesOnCaseOpened(policy, severity)).toBe(pages)
  })
  it('pages nobody without a severity or without a chain', () => {
    expect(pagesOnCaseOpened({ ...policy, minSeverity: null }, 'critical')).toBe(false)
    expect(pagesOnCaseOpened({ ...policy, chain: [] }, 'critical')).toBe(false)
  })
})

describe('nextPagingStep', () => {
  const page = { state: 'paging', step: -1, chain: ['a', 'b'] } as const
  it('pages the chain in order, then runs out', () => {
    expect(nextPagingStep(page, 0)).toEqual({ kind: 'page', step: 0, userId: 'a' })
    expect(nextPagingStep({ ...page, step: 0 }, 1)).toEqual({ kind: 'page', step: 1, userId: 'b' })
    expect(nextPagingStep({ ...page, step: 1 }, 2)).toEqual({ kind: 'exhausted' })
  })
  it('never pages a step twice nor skips one (a job delivered again or late)', () => {
    expect(nextPagingStep({ ...page, step: 0 }, 0)).toEqual({ kind: 'nothing' })
    expect(nextPagingStep(page, 1)).toEqual({ kind: 'nothing' })
  })
  it('stops once acknowledged or exhausted', () => {
    expect(nextPagingStep({ ...page, step: 0, state: 'acknowledged' }, 1)).toEqual({ kind: 'nothing' })
    expect(nextPagingStep({ ...page, step: 1, state: 'exhausted' }, 2)).toEqual({ kind: 'nothing' })
  })
  it('escalates the step time later', () => {
    expect(escalatesAt(new Date('2026-12-04T01:00:00Z'), 90).toISOString()).toBe('2026-12-04T01:01:30.000Z')
  })
})

describe('judgeAcknowledgement', () => {
  it('acknowledges once, also after the chain ran out', () => {
    expect(judgeAcknowledgement({ state: 'paging', step: 0, chain: ['a'] }).ok).toBe(true)
    expect(judgeAcknowledgement({ state: 'exhausted', step: 0, chain: ['a'] }).ok).toBe(true)
    expect(judgeAcknowledgement({ state: 'acknowledged', step: 0, chain: ['a'] })).toEqual({
      ok: false,
      error: 'page_already_acknowledged',
    })
  })
})

describe('readSmsReply', () => {
  it.each([
    ['STOP', { kind: 'stop' }],
    ['stop', { kind: 'stop' }],
    [' Stop. ', { kind: 'stop' }],
    ['ARRET', { kind: 'stop' }],
    ['Arrêt !', { kind: 'stop' }],
    ['STOPP', { kind: 'stop' }],
    ['OK', { kind: 'acknowledge', code: null }],
    ['ack', { kind: 'acknowledge', code: null }],
    ['ACK 4821', { kind: 'acknowledge', code: '4821' }],
    ['ok 4821', { kind: 'acknowledge', code: '4821' }],
    ['4821', { kind: 'acknowledge', code: '4821' }],
    ['please stop', { kind: 'other' }],
    ['STOP STOP', { kind: 'other' }],
    ['ACK 48', { kind: 'other' }],
    ['48211', { kind: 'other' }],
    ['', { kind: 'other' }],
  ] as const)('%j', (text, reply) => {
    expect(readSmsReply(text)).toEqual(reply)
  })
})
