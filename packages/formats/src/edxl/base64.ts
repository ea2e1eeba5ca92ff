const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Text as UTF-8 bytes (lone surrogates become U+FFFD, as the WHATWG encoder does). */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = []
  for (const ch of text) {
    let c = ch.codePointAt(0)!
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return Uint8Array.from(out)
}

export function base64Encode(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    out += alphabet[a >> 2]! + alphabet[((a & 3) << 4) | ((b ?? 0) >> 4)]!
    out += b === undefined ? '=' : alphabet[((b & 15) << 2) | ((c ?? 0) >> 6)]!
    out += c === undefined ? '=' : alphabet[c & 63]!
  }
  return out
}

/** The bytes of base64 text (whitespace allowed, as in XML), or undefined if it is not base64. */
export function base64Decode(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\t\n\r ]/g, '')
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined
  const out: number[] = []
  for (let i = 0; i < clean.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => (clean[i + k] === '=' ? 0 : alphabet.indexOf(clean[i + k]!)))
    const v = (n[0]! << 18) | (n[1]! << 12) | (n[2]! << 6) | n[3]!
    out.push((v >> 16) & 255)
    if (clean[i + 2] !== '=') out.push((v >> 8) & 255)
    if (clean[i + 3] !== '=') out.push(v & 255)
  }
  return Uint8Array.from(out)
}
