/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Core holds no clock and no
 * randomness: the caller passes both, so ids are sortable by creation time and tests are exact.
 */
export function uuidv7(unixMs: number, random: Uint8Array): string {
  if (!Number.isInteger(unixMs) || unixMs < 0 || unixMs > 0xffff_ffff_ffff) {
    throw new RangeError(`uuidv7: timestamp out of range: ${unixMs}`)
  }
  if (random.length < 10) throw new RangeError('uuidv7: need at least 10 random bytes')
  const bytes = new Uint8Array(16)
  let ms = unixMs
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256
    ms = Math.floor(ms / 256)
  }
  for (let i = 0; i < 10; i++) bytes[6 + i] = random[i] ?? 0
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f)
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f)
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

export function isUuid(value: string): boolean {
  return uuidPattern.test(value)
}

/** The creation time carried in a UUIDv7, in Unix milliseconds. */
export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16)
}
