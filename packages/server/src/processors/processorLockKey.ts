/** 'li' in the upper bits: far above the sequencer's locks (0x6c69_61xx), so never one of theirs. */
const base = 0x6c69 * 2 ** 32

/**
 * The PostgreSQL advisory lock whose holder owns a work processor: a fixed prefix and the 32-bit
 * FNV-1a hash of its name (a safe integer, which PostgreSQL takes as a bigint key).
 */
export function processorLockKey(name: string): number {
  let hash = 0x811c9dc5
  for (const byte of new TextEncoder().encode(name)) {
    hash ^= byte
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return base + hash
}
