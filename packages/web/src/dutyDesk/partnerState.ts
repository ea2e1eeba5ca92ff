import type { PartnerStatus } from '../api/partnersApi.ts'

/** How a partner stands, in one word the duty officer reads first. */
export function partnerState(p: PartnerStatus): 'parked' | 'unreachable' | 'reachable' | 'waiting' {
  if (p.parkedSince !== null) return 'parked'
  if (p.reachable === false) return 'unreachable'
  if (p.reachable === true) return 'reachable'
  return 'waiting'
}
