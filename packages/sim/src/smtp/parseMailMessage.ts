/**
 * Enough of RFC 5322 and MIME (RFC 2045-2047) to read what the SMTP sink received: the headers
 * (unfolded, encoded words decoded), and the text and HTML parts of a multipart message, their
 * quoted-printable or base64 decoded. UTF-8 only; attachments and other parts are listed, not read.
 */
export interface MailPart {
  /** The media type, lower case (`text/plain`), without its parameters. */
  readonly contentType: string
  readonly charset: string | null
  /** The decoded body (UTF-8). */
  readonly body: string
}

export interface ParsedMail {
  /** Headers by lower-case name, in order; a header given twice has two values. */
  readonly headers: ReadonlyMap<string, readonly string[]>
  /** The first value of a header (any case), or undefined. */
  header(name: string): string | undefined
  readonly subject: string | undefined
  /** The first `text/plain` part, decoded. */
  readonly text: string | undefined
  /** The first `text/html` part, decoded. */
  readonly html: string | undefined
  /** Every leaf part, in order. */
  readonly parts: readonly MailPart[]
}

export function parseMailMessage(raw: string | Buffer): ParsedMail {
  const source = typeof raw === 'string' ? raw : raw.toString('latin1')
  const { headers, body } = splitEntity(source)
  const parts: MailPart[] = []
  collectParts(headers, body, parts)
  const decoded = new Map<string, string[]>()
  for (const [name, values] of headers) decoded.set(name, values.map(decodeEncodedWords))
  const header = (name: string) => decoded.get(name.toLowerCase())?.[0]
  return {
    headers: decoded,
    header,
    subject: header('subject'),
    text: parts.find((p) => p.contentType === 'text/plain')?.body,
    html: parts.find((p) => p.contentType === 'text/html')?.body,
    parts,
  }
}

/** The headers (raw, unfolded; bytes kept as latin1) and the body of a message or a MIME part. */
function splitEntity(source: string): { headers: Map<string, string[]>; body: string } {
  const match = /\r?\n\r?\n/.exec(source)
  const head = match ? source.slice(0, match.index) : source
  const body = match ? source.slice(match.index + match[0].length) : ''
  const headers = new Map<string, string[]>()
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, '')
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = utf8(line.slice(colon + 1).trim())
    headers.set(name, [...(headers.get(name) ?? []), value])
  }
  return { headers, body }
}

/** A header value and its parameters: `text/plain; charset=utf-8` → text/plain, { charset }. */
export function headerParameters(value: string): { value: string; params: Map<string, string> } {
  const [first = '', ...rest] = value.split(';')
  const params = new Map<string, string>()
  for (const piece of rest) {
    const eq = piece.indexOf('=')
    if (eq < 0) continue
    const name = piece.slice(0, eq).trim().toLowerCase()
    params.set(
      name,
      piece
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    )
  }
  return { value: first.trim().toLowerCase(), params }
}

function collectParts(headers: Map<string, string[]>, body: string, into: MailPart[]): void {
  const type = headerParameters(headers.get('content-type')?.[0] ?? 'text/plain')
  const boundary = type.params.get('boundary')
  if (type.value.startsWith('multipart/') && boundary) {
    const delimiter = `--${boundary}`
    const pieces = body.split(new RegExp(`\\r?\\n?${escapeRegExp(delimiter)}(?:--)?[ \\t]*\\r?\\n?`))
    // the preamble before the first delimiter and the epilogue after the last are not parts
    for (const piece of pieces.slice(1, -1)) {
      const part = splitEntity(piece)
      collectParts(part.headers, part.body, into)
    }
    return
  }
  const encoding = (headers.get('content-transfer-encoding')?.[0] ?? '7bit').trim().toLowerCase()
  into.push({
    contentType: type.value,
    charset: type.params.get('charset')?.toLowerCase() ?? null,
    body: decodeBody(body, encoding),
  })
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable') return quotedPrintable(body).toString('utf8')
  return utf8(body)
}

/** RFC 2045 §6.7: soft line breaks removed, `=XX` decoded; the result as bytes. */
export function quotedPrintable(text: string): Buffer {
  const joined = text.replace(/=[ \t]*\r?\n/g, '').replace(/[ \t]+(\r?\n)/g, '$1')
  const bytes: number[] = []
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i]!
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16))
      i += 2
    } else {
      bytes.push(joined.charCodeAt(i) & 0xff)
    }
  }
  return Buffer.from(bytes)
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`); whitespace between two is dropped. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : quotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
    )
}

/** A string read as latin1 (one char a byte) back to the UTF-8 text it holds. */
function utf8(latin1: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
