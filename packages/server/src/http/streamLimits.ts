import type { Principal } from '@liaison/core'
import { LiaisonError } from '@liaison/core'

export interface StreamLimitSettings {
  readonly perPrincipal: number
  readonly perAddress: number
}

/**
 * Counts the live streams open on this process per session or API token and per source address.
 * `open` refuses with `rate_limited` past either limit, or returns the function that releases the
 * stream's place (call it once, when the stream closes).
 */
export function streamLimits(settings: StreamLimitSettings) {
  const byPrincipal = new Map<string, number>()
  const byAddress = new Map<string, number>()
  const take = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)
  const give = (counts: Map<string, number>, key: string) => {
    const left = (counts.get(key) ?? 1) - 1
    if (left > 0) counts.set(key, left)
    else counts.delete(key)
  }
  return {
    open(principal: Principal, address: string): () => void {
      const [key, holder] =
        principal.kind === 'token'
          ? [`token:${principal.tokenId}`, `API token '${principal.tokenName}'`]
          : [`session:${principal.sessionId}`, 'this session']
      const forPrincipal = byPrincipal.get(key) ?? 0
      if (forPrincipal >= settings.perPrincipal)
        throw new LiaisonError(
          'rate_limited',
          `${forPrincipal} live streams are already open for ${holder}; the limit is ${settings.perPrincipal}: close one first`,
        )
      const forAddress = byAddress.get(address) ?? 0
      if (forAddress >= settings.perAddress)
        throw new LiaisonError(
          'rate_limited',
          `${forAddress} live streams are already open from ${address}; the limit is ${settings.perAddress}: close one first`,
        )
      take(byPrincipal, key)
      take(byAddress, address)
      let released = false
      return () => {
        if (released) return
        released = true
        give(byPrincipal, key)
        give(byAddress, address)
      }
    },
  }
}
