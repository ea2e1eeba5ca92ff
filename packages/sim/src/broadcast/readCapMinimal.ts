/**
 * Just enough of a CAP 1.2 document for the simulated broadcast centre (the simulators import
 * core only, not the formats package): the alert's header, and per info block its language,
 * parameters and areas. Not a validating reader: what it cannot find it leaves out.
 */
export interface MinimalCapInfo {
  readonly language: string
  readonly parameters: readonly { readonly valueName: string; readonly value: string }[]
  readonly areas: readonly {
    readonly areaDesc: string
    readonly polygons: string[]
    readonly circles: string[]
  }[]
}

export interface MinimalCap {
  readonly identifier: string
  readonly sender: string
  readonly sent: string
  readonly status: string
  readonly msgType: string
  readonly scope: string
  readonly references: string
  readonly info: readonly MinimalCapInfo[]
}

export function readCapMinimal(xml: string): MinimalCap | null {
  const alert = /<alert\b[^>]*xmlns="urn:oasis:names:tc:emergency:cap:1\.2"[^>]*>([\s\S]*)<\/alert>/.exec(xml)
  if (!alert) return null
  const body = alert[1] ?? ''
  const head = body.split('<info>')[0] ?? ''
  const identifier = first(head, 'identifier')
  const sender = first(head, 'sender')
  const sent = first(head, 'sent')
  if (!identifier || !sender || !sent) return null
  const info = blocks(body, 'info').map((block) => ({
    language: first(block, 'language') ?? 'en-US',
    parameters: blocks(block, 'parameter').map((p) => ({
      valueName: first(p, 'valueName') ?? '',
      value: first(p, 'value') ?? '',
    })),
    areas: blocks(block, 'area').map((a) => ({
      areaDesc: first(a, 'areaDesc') ?? '',
      polygons: all(a, 'polygon'),
      circles: all(a, 'circle'),
    })),
  }))
  return {
    identifier,
    sender,
    sent,
    status: first(head, 'status') ?? '',
    msgType: first(head, 'msgType') ?? '',
    scope: first(head, 'scope') ?? '',
    references: first(head, 'references') ?? '',
    info,
  }
}

function blocks(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1] ?? '')
}

function all(xml: string, name: string): string[] {
  return blocks(xml, name).map(unescape)
}

function first(xml: string, name: string): string | undefined {
  return all(xml, name)[0]
}

function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16))
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)))
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity] ?? ''
  })
}
