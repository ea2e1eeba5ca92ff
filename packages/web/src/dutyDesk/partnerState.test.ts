import { describe, expect, it } from 'vitest'
import type { PartnerStatus } from '../api/partnersApi.ts'
import { partnerState } from './partnerState.ts'

const partner = (over: Partial<PartnerStatus>): PartnerStatus => ({
  nodeId: 'nl',
  baseUrl: 'http://127.0.0.1:4002',
  reachable: null,
  lastContactAt: null,
  protocol: null,
  outbound: { head: 0, acknowledged: 0, waiting: 0, oldestUnacknowledgedAt: null },
  inbound: { received: 0 },
  attempts: 0,
  nextAttemptAt: null,
  parkedSince: null,
  firstError: null,
  lastError: null,
  key: null,
  pendingKey: null,
  organisations: [],
  ...over,
})

describe('partnerState', () => {
  it('says parked before anything else, then unreachable, reachable, or not contacted yet', () => {
    expect(partnerState(partner({ reachable: false, parkedSince: '2026-12-03T02:00:00Z' }))).toBe('parked')
    expect(partnerState(partner({ reachable: false }))).toBe('unreachable')
    expect(partnerState(partner({ reachable: true }))).toBe('reachable')
    expect(partnerState(partner({}))).toBe('waiting')
  })
})
