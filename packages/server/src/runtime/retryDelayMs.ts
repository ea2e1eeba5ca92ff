/** The wait before trying a failed batch again: `firstMs`, doubled with each failure in a row, at most `maxMs`. */
export function retryDelayMs(
  failures: number,
  limits: { readonly firstMs: number; readonly maxMs: number },
): number {
  const doublings = Math.max(0, failures - 1)
  return Math.min(limits.maxMs, limits.firstMs * 2 ** Math.min(doublings, 30))
}
