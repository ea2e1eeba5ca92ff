import { readFileSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Country } from '@liaison/core'
import { LiaisonError, countries } from '@liaison/core'
import { defaultPushServiceHosts } from './channels/push/pushServiceHosts.ts'
import { parseAddressList } from './runtime/addressList.ts'
import type { SmsOperators } from './channels/sms/smsOperators.ts'
import { loadSmsOperators } from './channels/sms/smsOperators.ts'
import type { BroadcastOperators } from './channels/broadcast/broadcastOperators.ts'
import { loadBroadcastOperators } from './channels/broadcast/broadcastOperators.ts'

const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url))

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof logLevels)[number]

/**
 * What one process of a node runs (docs/decisions/017-services.md): `http` the duty desk's API,
 * web application and live stream; `public` the public listener; `jobs` the queue workers and
 * work processors; `dispatch` and `federation` their workers (later issues).
 */
export const nodeServices = ['http', 'public', 'jobs', 'dispatch', 'federation'] as const
export type NodeService = (typeof nodeServices)[number]

export interface NodeConfig {
  readonly node: {
    readonly id: string
    readonly name: string
    readonly country: Country
    /** The services this process runs; every other process of the node may run others. */
    readonly services: readonly NodeService[]
  }
  readonly http: {
    readonly host: string
    readonly port: number
    readonly bodyLimit: number
    readonly trustProxy: boolean
    /** The built web application (packages/web/dist); a fallback page is served when it is missing. */
    readonly webDir: string
    /** How often a live stream sends a keep-alive and checks that its reader may still read. */
    readonly streamHeartbeatSeconds: number
    /**
     * The node's own public address (origin, no trailing slash): every address it gives out
     * starts with it. Null only on port 0 without `http.url`: then it is where the node listens.
     */
    readonly url: string | null
    /** The hosts (`name` for any port, `name:port`) the node answers for, besides the host of `url`. */
    readonly allowedHosts: readonly string[]
    /** Live streams open at once per session or API token, and per source address (per process). */
    readonly streamsPerPrincipal: number
    readonly streamsPerAddress: number
    /** Failed authentications per source address and window, shared by the node's processes; then 429. */
    readonly authFailuresPerAddress: number
    readonly authFailureWindowSeconds: number
    /** Hours an Idempotency-Key and the first answer to its request are kept (http/idempotency/). */
    readonly idempotencyHours: number
  }
  /** The public listener (service `public`): its own address and origin, apart from the duty desk. */
  readonly public: {
    readonly host: string
    readonly port: number
    /** Its public origin; null only on port 0 without `public.url`: then it is where it listens. */
    readonly url: string | null
    /** The hosts it answers for, besides the host of `url`. */
    readonly allowedHosts: readonly string[]
    /** Requests one source address may make per minute, counted in this process. */
    readonly requestsPerMinute: number
  }
  /** Who may read /metrics: these addresses and networks, or a bearer of this token. */
  readonly metrics: { readonly allow: readonly string[]; readonly token: string | null }
  readonly store: { readonly dataDir: string; readonly url: string | null; readonly poolSize: number }
  readonly auth: {
    /** The file of the node's key, which seals the secrets it must read back (one-time code seeds). */
    readonly keyFile: string
    /** The file of the node's Ed25519 signing key (its identity: audit checkpoints, later the federation). */
    readonly signingKeyFile: string
  }
  readonly audit: {
    /** Seconds between signed checkpoints of the audit head (written only when the head moved). */
    readonly checkpointSeconds: number
    /** The append-only file of signed audit checkpoints, one JSON line each. */
    readonly checkpointFile: string
  }
  readonly log: { readonly level: LogLevel }
  /** Pushing the per-peer streams (decision 032). */
  readonly federation: {
    /** Seconds between the push's looks at every peer, besides being woken by new entries. */
    readonly pushSeconds: number
    /** Failed pushes in a row after which a peer is marked parked (still retried every 5 minutes). */
    readonly parkAfter: number
    /** km from a land border within which an alert is proposed to the neighbour's centre (decision 042). */
    readonly alertProposalKm: number
    /** A PEM file of CA certificates trusted for peers' TLS besides the system's; null: the system's. */
    readonly caFile: string | null
    /**
     * Seconds a peer's key taken over by a new one still verifies what arrives signed with it
     * (decision 045); what was received before keeps verifying whatever its age.
     */
    readonly keyGraceSeconds: number
  }
  /** E-mail to people (channels/email/EmailChannel.ts); not sent when `smtpUrl` is null. */
  readonly email: {
    /** `smtp://[user:password@]host[:port]` or `smtps://…`: a secret when it holds a password. */
    readonly smtpUrl: string | null
    /** The sender, `address` or `Name <address>`. */
    readonly from: string
    /** A mailto: address for List-Unsubscribe beside the one-click URL; null: the URL only. */
    readonly unsubscribeMailto: string | null
    readonly maxConnections: number
  }
  /** Web Push to browsers (channels/push/WebPushChannel.ts). */
  readonly push: {
    /** The VAPID subject: a mailto: or https: address push services may contact. */
    readonly vapidSubject: string
    /** The file of the node's VAPID key (P-256, PKCS#8 PEM), made on first use. */
    readonly vapidKeyFile: string
    /** The push services subscriptions may be on (`host`, `host:port`, `*.domain`). */
    readonly serviceHosts: readonly string[]
  }
  /** The work queue's engine (queue/openQueue.ts). */
  readonly queue: {
    readonly engine: 'database' | 'nats'
    readonly natsUrl: string
    /** Names the queue's NATS streams (`<prefix>_jobs`, `<prefix>_dead`) and subjects. */
    readonly natsPrefix: string
    /** Whether the `echo` test processor runs (in a process with the `jobs` service). */
    readonly echo: boolean
  }
  /** Staff paging (decision 044): how often its worker claims due jobs. */
  readonly paging: { readonly pollMs: number }
  /** SMS over SMPP: the operators' file and what it holds, checked at load; null: no SMS. */
  readonly sms: { readonly operatorsFile: string | null; readonly operators: SmsOperators | null }
  /** Operator broadcast (cell broadcast): the centres' file and what it holds; null: no broadcast. */
  readonly broadcast: {
    readonly operatorsFile: string | null
    readonly operators: BroadcastOperators | null
  }
}

type Parsed = string | number | boolean | null | readonly string[]
interface KeySpec {
  readonly key: string
  readonly env: string
  readonly flag: string
  readonly doc: string
  readonly defaultText: string
  /** Parses a value from a string (environment, flag) or JSON (file); returns a problem or the value. */
  parse(raw: unknown): { value: Parsed } | { problem: string }
}

function text(pattern: RegExp, rule: string) {
  return (raw: unknown) =>
    typeof raw === 'string' && pattern.test(raw) ? { value: raw } : { problem: `${describe(raw)} ${rule}` }
}

function integer(min: number, max: number) {
  return (raw: unknown) => {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN
    return Number.isInteger(n) && n >= min && n <= max
      ? { value: n }
      : { problem: `${describe(raw)} must be a whole number from ${min} to ${max}` }
  }
}

function oneOf(values: readonly string[]) {
  return (raw: unknown) =>
    typeof raw === 'string' && values.includes(raw)
      ? { value: raw }
      : { problem: `${describe(raw)} must be one of ${values.join(', ')}` }
}

function boolean(raw: unknown): { value: Parsed } | { problem: string } {
  if (raw === true || raw === 'true' || raw === '1') return { value: true }
  if (raw === false || raw === 'false' || raw === '0') return { value: false }
  return { problem: `${describe(raw)} must be true or false` }
}

function postgresUrl(raw: unknown): { value: Parsed } | { problem: string } {
  if (typeof raw !== 'string') return { problem: `${describe(raw)} must be a postgres:// URL` }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return {
      problem: `'${raw.replace(/:[^:@/]*@/, ':***@')}' is not a URL (expected postgres://user@host:5432/database)`,
    }
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return { problem: `scheme '${url.protocol}' is not supported: use postgres://user@host:5432/database` }
  }
  if (!url.hostname) return { problem: 'the URL names no host (expected postgres://user@host:5432/database)' }
  if (url.pathname.length < 2)
    return { problem: 'the URL names no database (expected postgres://user@host:5432/database)' }
  return { value: raw }
}

function natsUrl(raw: unknown): { value: Parsed } | { problem: string } {
  const rule = 'must be a nats:// or tls:// address such as nats://127.0.0.1:4222'
  if (typeof raw !== 'string') return { problem: `${describe(raw)} ${rule}` }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { problem: `'${raw.replace(/:[^:@/]*@/, ':***@')}' ${rule}` }
  }
  if ((url.protocol !== 'nats:' && url.protocol !== 'tls:') || !url.hostname)
    return { problem: `'${raw.replace(/:[^:@/]*@/, ':***@')}' ${rule}` }
  return { value: raw }
}

function nodeUrl(raw: unknown): { value: Parsed } | { problem: string } {
  const rule = 'must be an http:// or https:// address without a path, such as https://liaison.example.org'
  if (typeof raw !== 'string') return { problem: `${describe(raw)} ${rule}` }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { problem: `${describe(raw)} ${rule}` }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `${describe(raw)} ${rule}` }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash)
    return { problem: `${describe(raw)} ${rule}` }
  return { value: url.origin }
}

function smtpUrl(raw: unknown): { value: Parsed } | { problem: string } {
  // never echo the value: it may hold a password
  const rule =
    'must be an smtp:// or smtps:// address such as smtp://user:password@mail.example.org:587 (the value is not shown)'
  if (typeof raw !== 'string') return { problem: rule }
  try {
    const url = new URL(raw)
    if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) return { problem: rule }
    if (url.pathname.replace(/^\/$/, '') || url.search || url.hash) return { problem: rule }
  } catch {
    return { problem: rule }
  }
  return { value: raw }
}

/** `local@domain`, the way an e-mail sender or recipient is checked at the edges. */
const mailAddressPattern =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/

function mailSender(raw: unknown): { value: Parsed } | { problem: string } {
  const rule = 'must be an e-mail address, or a name and an address: Centre de crise <alert@crisis.example>'
  if (typeof raw !== 'string') return { problem: `${describe(raw)} ${rule}` }
  const match = /^(?:([^<>\r\n"]{1,100}?)\s*<([^<>\s]+)>|([^<>\s]+))$/.exec(raw.trim())
  const address = match?.[2] ?? match?.[3]
  if (!address || !mailAddressPattern.test(address)) return { problem: `${describe(raw)} ${rule}` }
  return { value: raw.trim() }
}

function mailAddress(raw: unknown): { value: Parsed } | { problem: string } {
  return typeof raw === 'string' && mailAddressPattern.test(raw)
    ? { value: raw }
    : { problem: `${describe(raw)} must be an e-mail address such as unsubscribe@crisis.example` }
}

function vapidSubject(raw: unknown): { value: Parsed } | { problem: string } {
  const rule = 'must be a mailto: address or an https: URL (RFC 8292), such as mailto:duty@crisis.example'
  if (typeof raw !== 'string') return { problem: `${describe(raw)} ${rule}` }
  if (/^mailto:/.test(raw) && mailAddressPattern.test(raw.slice('mailto:'.length))) return { value: raw }
  try {
    if (new URL(raw).protocol === 'https:' && /^https:\/\/[^/]/.test(raw)) return { value: raw }
  } catch {
    // not a URL
  }
  return { problem: `${describe(raw)} ${rule}` }
}

function pushServiceHostList(raw: unknown): { value: Parsed } | { problem: string } {
  const entries = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null
  if (!entries || entries.some((e) => typeof e !== 'string'))
    return { problem: `${describe(raw)} must be a list of host names (a JSON array, or comma-separated)` }
  const hosts = (entries as string[]).map((e) => e.trim().toLowerCase()).filter((e) => e !== '')
  if (hosts.length === 0) return { problem: `${describe(raw)} must name at least one push service` }
  const bad = hosts.filter((h) => !hostPattern.test(h.replace(/^\*\./, '')))
  if (bad.length > 0)
    return { problem: `${bad.map((b) => `'${b}'`).join(', ')}: not a host, host:port or *.domain` }
  return { value: [...new Set(hosts)] }
}

/** `name`, `name:port`, `[v6]` or `[v6]:port`, in lower case: how a Host header names the node. */
const hostPattern =
  /^(\[[0-9a-f:.]+\]|[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*)(:\d{1,5})?$/

function hostList(raw: unknown): { value: Parsed } | { problem: string } {
  const entries = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null
  if (!entries || entries.some((e) => typeof e !== 'string'))
    return { problem: `${describe(raw)} must be a list of host names (a JSON array, or comma-separated)` }
  const hosts = (entries as string[]).map((e) => e.trim().toLowerCase()).filter((e) => e !== '')
  if (hosts.length === 0) return { problem: `${describe(raw)} must name at least one host` }
  const bad = hosts.filter((h) => !hostPattern.test(h))
  if (bad.length > 0) {
    return {
      problem: `${bad.map((b) => `'${b}'`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not a host name or host:port (an IPv6 address is written in brackets: [::1])`,
    }
  }
  return { value: [...new Set(hosts)] }
}

function serviceList(raw: unknown): { value: Parsed } | { problem: string } {
  const entries = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null
  if (!entries || entries.some((e) => typeof e !== 'string'))
    return { problem: `${describe(raw)} must be a list of services (a JSON array, or comma-separated)` }
  const names = (entries as string[]).map((e) => e.trim()).filter((e) => e !== '')
  if (names.length === 0) return { problem: `${describe(raw)} must name at least one service` }
  const unknown = names.filter((n) => !(nodeServices as readonly string[]).includes(n))
  if (unknown.length > 0) {
    return {
      problem: `${unknown.map((u) => `'${u.slice(0, 64)}'`).join(', ')} ${unknown.length === 1 ? 'is not a service' : 'are not services'}: the services are ${nodeServices.join(', ')}`,
    }
  }
  // in the canonical order, once each
  return { value: nodeServices.filter((n) => names.includes(n)) }
}

/** The names every machine gives itself; the default allow-list of a node listening on loopback. */
export const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]'] as const

function isLoopback(host: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(host) || ['localhost', '::1', '[::1]'].includes(host.toLowerCase())
}

function isWildcard(host: string): boolean {
  return ['0.0.0.0', '::', '[::]'].includes(host)
}

function describe(raw: unknown): string {
  return typeof raw === 'string' ? `'${raw}'` : (JSON.stringify(raw) ?? String(raw))
}

/** Every configuration key: its environment variable, its flag, its default and what it means. */
export const configKeys: readonly KeySpec[] = [
  {
    key: 'node.id',
    env: 'LIAISON_NODE_ID',
    flag: '--node-id',
    defaultText: 'local',
    doc: "this node's id in the federation: be, nl, lu, or finer (lower case, 1-32 chars)",
    parse: text(
      /^[a-z][a-z0-9-]{0,31}$/,
      'must be lower-case letters, digits or hyphens, 1-32 chars, starting with a letter',
    ),
  },
  {
    key: 'node.name',
    env: 'LIAISON_NODE_NAME',
    flag: '--node-name',
    defaultText: 'Liaison',
    doc: "the centre's name, shown on every page and given to the centre organisation on first start",
    parse: text(/^\S.{0,198}\S$/s, 'must be 2 to 200 characters, not starting or ending with a space'),
  },
  {
    key: 'node.country',
    env: 'LIAISON_NODE_COUNTRY',
    flag: '--country',
    defaultText: 'BE',
    doc: `the centre's country: ${countries.join(', ')}`,
    parse: oneOf(countries),
  },
  {
    key: 'node.services',
    env: 'LIAISON_SERVICES',
    flag: '--services',
    defaultText: nodeServices.join(','),
    doc: `the services this process runs, comma-separated: ${nodeServices.join(', ')} (http: the duty desk API, web application and live stream; public: the public listener; jobs: queue workers and work processors; dispatch, federation: nothing yet). Run several processes of one node on PostgreSQL with different services`,
    parse: serviceList,
  },
  {
    key: 'http.host',
    env: 'LIAISON_HTTP_HOST',
    flag: '--host',
    defaultText: '127.0.0.1',
    doc: 'address to listen on (0.0.0.0 or :: to listen on every interface)',
    parse: text(/^[A-Za-z0-9.:[\]-]{1,253}$/, 'must be a host name or an IP address'),
  },
  {
    key: 'http.port',
    env: 'LIAISON_HTTP_PORT',
    flag: '--port',
    defaultText: '8080',
    doc: 'TCP port to listen on (0 picks a free port)',
    parse: integer(0, 65535),
  },
  {
    key: 'http.bodyLimit',
    env: 'LIAISON_HTTP_BODY_LIMIT',
    flag: '--body-limit',
    defaultText: '1048576',
    doc: 'largest accepted request body, in bytes',
    parse: integer(1024, 64 * 1024 * 1024),
  },
  {
    key: 'http.trustProxy',
    env: 'LIAISON_HTTP_TRUST_PROXY',
    flag: '--trust-proxy',
    defaultText: 'false',
    doc: 'trust X-Forwarded-* headers (only behind your own reverse proxy)',
    parse: boolean,
  },
  {
    key: 'http.webDir',
    env: 'LIAISON_WEB_DIR',
    flag: '--web-dir',
    defaultText: 'packages/web/dist',
    doc: 'directory of the built web application served at /',
    parse: text(/^.{1,4096}$/s, 'must be a path'),
  },
  {
    key: 'http.streamHeartbeatSeconds',
    env: 'LIAISON_HTTP_STREAM_HEARTBEAT',
    flag: '--stream-heartbeat',
    defaultText: '15',
    doc: 'seconds between keep-alives on a live stream, each also checking that its session or token is still valid (lower it below your proxy idle timeout)',
    parse: integer(1, 300),
  },
  {
    key: 'http.url',
    env: 'LIAISON_HTTP_URL',
    flag: '--url',
    defaultText: 'http://<http.host>:<http.port>',
    doc: "the node's own public address, as its users reach it (https://liaison.example.org behind a proxy); every address the node gives out starts with it. Required when http.host is 0.0.0.0 or ::",
    parse: nodeUrl,
  },
  {
    key: 'http.allowedHosts',
    env: 'LIAISON_HTTP_ALLOWED_HOSTS',
    flag: '--allowed-hosts',
    defaultText: 'the host of http.url; listening on loopback, also 127.0.0.1, localhost, [::1]',
    doc: 'host names (any port) or host:port the node answers for, comma-separated, besides the host of http.url; a request naming another Host is refused (421 host_not_allowed)',
    parse: hostList,
  },
  {
    key: 'http.streamsPerPrincipal',
    env: 'LIAISON_HTTP_STREAMS_PER_PRINCIPAL',
    flag: '--streams-per-principal',
    defaultText: '8',
    doc: 'live streams one session or API token may hold open at once, on each process (one per browser tab)',
    parse: integer(1, 1000),
  },
  {
    key: 'http.streamsPerAddress',
    env: 'LIAISON_HTTP_STREAMS_PER_ADDRESS',
    flag: '--streams-per-address',
    defaultText: '64',
    doc: "live streams one source address may hold open at once, on each process (a centre's desks may share one address)",
    parse: integer(1, 100_000),
  },
  {
    key: 'http.authFailuresPerAddress',
    env: 'LIAISON_HTTP_AUTH_FAILURES',
    flag: '--auth-failures',
    defaultText: '30',
    doc: 'failed authentications (unknown or expired token or session, CSRF failure) one source address may make per window before its requests with a credential answer 429; counted in the database, shared by every process',
    parse: integer(1, 100_000),
  },
  {
    key: 'http.authFailureWindowSeconds',
    env: 'LIAISON_HTTP_AUTH_FAILURE_WINDOW',
    flag: '--auth-failure-window',
    defaultText: '60',
    doc: 'seconds of the window in which http.authFailuresPerAddress is counted',
    parse: integer(1, 86_400),
  },
  {
    key: 'http.idempotencyHours',
    env: 'LIAISON_HTTP_IDEMPOTENCY_HOURS',
    flag: '--idempotency-hours',
    defaultText: '24',
    doc: 'hours the node keeps an Idempotency-Key with the first answer to its request; a retry within them gets that answer again, later the key is free and its row is deleted',
    parse: integer(1, 720),
  },
  {
    key: 'public.host',
    env: 'LIAISON_PUBLIC_HOST',
    flag: '--public-host',
    defaultText: 'http.host',
    doc: 'address the public listener (service public: the public page, later the alert feed) listens on',
    parse: text(/^[A-Za-z0-9.:[\]-]{1,253}$/, 'must be a host name or an IP address'),
  },
  {
    key: 'public.port',
    env: 'LIAISON_PUBLIC_PORT',
    flag: '--public-port',
    defaultText: '8090 (0 when http.port is 0)',
    doc: 'TCP port of the public listener, apart from the duty desk (0 picks a free port)',
    parse: integer(0, 65535),
  },
  {
    key: 'public.url',
    env: 'LIAISON_PUBLIC_URL',
    flag: '--public-url',
    defaultText: 'http://<public.host>:<public.port>',
    doc: "the public listener's own address, as citizens reach it (https://alert.example.org), a separate origin from http.url. Required when public.host is 0.0.0.0 or ::",
    parse: nodeUrl,
  },
  {
    key: 'public.allowedHosts',
    env: 'LIAISON_PUBLIC_ALLOWED_HOSTS',
    flag: '--public-allowed-hosts',
    defaultText: 'the host of public.url; listening on loopback, also 127.0.0.1, localhost, [::1]',
    doc: 'host names (any port) or host:port the public listener answers for, besides the host of public.url; another Host is refused (421 host_not_allowed)',
    parse: hostList,
  },
  {
    key: 'public.requestsPerMinute',
    env: 'LIAISON_PUBLIC_RATE_LIMIT',
    flag: '--public-rate-limit',
    defaultText: '600',
    doc: 'requests one source address may make to the public listener per minute, counted in each process (then 429)',
    parse: integer(1, 1_000_000),
  },
  {
    key: 'metrics.allow',
    env: 'LIAISON_METRICS_ALLOW',
    flag: '--metrics-allow',
    defaultText: '127.0.0.0/8,::1',
    doc: 'addresses and networks that may read /metrics, comma-separated (or a JSON list in the file); empty: only metrics.token',
    parse: parseAddressList,
  },
  {
    key: 'metrics.token',
    env: 'LIAISON_METRICS_TOKEN',
    flag: '--metrics-token',
    defaultText: '(none)',
    doc: 'a secret a scraper sends as Authorization: Bearer <token> to read /metrics from any address (16 to 512 characters)',
    // never echo the value: it is a secret
    parse: (raw) =>
      typeof raw === 'string' && /^[\x21-\x7e]{16,512}$/.test(raw)
        ? { value: raw }
        : { problem: 'must be 16 to 512 printable characters without spaces (the value is not shown)' },
  },
  {
    key: 'store.dataDir',
    env: 'LIAISON_DATA_DIR',
    flag: '--data-dir',
    defaultText: 'data/<node.id>',
    doc: 'directory of the embedded database (PGlite), used when store.url is not set',
    parse: text(/^.{1,4096}$/s, 'must be a path'),
  },
  {
    key: 'store.url',
    env: 'LIAISON_DATABASE_URL',
    flag: '--database-url',
    defaultText: '(none: the embedded store)',
    doc: 'PostgreSQL URL (postgres://user:password@host:5432/database); selects PostgreSQL instead of PGlite',
    parse: postgresUrl,
  },
  {
    key: 'store.poolSize',
    env: 'LIAISON_DATABASE_POOL_SIZE',
    flag: '--pool-size',
    defaultText: '10',
    doc: 'PostgreSQL connections held by this process',
    parse: integer(1, 200),
  },
  {
    key: 'auth.keyFile',
    env: 'LIAISON_KEY_FILE',
    flag: '--key-file',
    defaultText: '<store.dataDir>/node.key',
    doc: "file of the node's 256-bit key, which seals one-time code secrets in the database (created on first start; keep it out of database backups; every process of a node needs the same one)",
    parse: text(/^.{1,4096}$/s, 'must be a path'),
  },
  {
    key: 'auth.signingKeyFile',
    env: 'LIAISON_SIGNING_KEY_FILE',
    flag: '--signing-key-file',
    defaultText: 'node-signing.key beside auth.keyFile',
    doc: "file of the node's Ed25519 signing key, its identity: it signs the audit checkpoints, later what the node sends its peers (created on first start; a relative path is beside auth.keyFile; every process of a node needs the same one)",
    parse: text(/^.{1,4096}$/s, 'must be a path'),
  },
  {
    key: 'audit.checkpointSeconds',
    env: 'LIAISON_AUDIT_CHECKPOINT_SECONDS',
    flag: '--checkpoint-seconds',
    defaultText: '300',
    doc: 'seconds between signed checkpoints of the audit head (one is written only when the head moved, and one on shutdown)',
    parse: integer(1, 86400),
  },
  {
    key: 'audit.checkpointFile',
    env: 'LIAISON_AUDIT_CHECKPOINT_FILE',
    flag: '--checkpoint-file',
    defaultText: 'audit-checkpoints.jsonl beside auth.keyFile',
    doc: 'append-only file of the signed audit checkpoints that `liaison audit verify` checks the chain against (keep copies off the machine; a relative path is beside auth.keyFile)',
    parse: text(/^.{1,4096}$/s, 'must be a path'),
  },
  {
    key: 'federation.pushSeconds',
    env: 'LIAISON_FEDERATION_PUSH_SECONDS',
    flag: '--federation-push-seconds',
    defaultText: '10',
    doc: 'seconds between the push looking at every peer for entries to send, besides being woken when entries are appended',
    parse: integer(1, 3600),
  },
  {
    key: 'federation.parkAfter',
    env: 'LIAISON_FEDERATION_PARK_AFTER',
    flag: '--federation-park-after',
    defaultText: '10',
    doc: 'failed pushes in a row after which a peer is shown parked (it is still retried every 5 minutes)',
    parse: integer(1, 1000),
  },
  {
    key: 'federation.alertProposalKm',
    env: 'LIAISON_FEDERATION_ALERT_PROPOSAL_KM',
    flag: '--federation-alert-proposal-km',
    defaultText: '10',
    doc: "an alert submitted or issued whose area crosses into a neighbour's country, or comes this close (km, 0 to 50) to its land border, is proposed to that neighbour's centre (decision 042)",
    parse: integer(0, 50),
  },
  {
    key: 'federation.caFile',
    env: 'LIAISON_FEDERATION_CA_FILE',
    flag: '--federation-ca-file',
    defaultText: 'none (the system CAs)',
    doc: "PEM file of CA certificates trusted for peers' TLS, besides the system's",
    parse: text(/^.{1,4096}$/s, 'must be a path'),
  },
  {
    key: 'federation.keyGraceSeconds',
    env: 'LIAISON_FEDERATION_KEY_GRACE_SECONDS',
    flag: '--federation-key-grace-seconds',
    defaultText: '604800 (7 days)',
    doc: "seconds a peer's previous key still verifies what arrives signed with it after its new key was taken",
    parse: integer(0, 31_536_000),
  },
  {
    key: 'email.smtpUrl',
    env: 'LIAISON_EMAIL_SMTP_URL',
    flag: '--email-smtp-url',
    defaultText: '(none: no e-mail is sent)',
    doc: 'the SMTP server e-mail to people goes through: smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465 (TLS); a secret when it holds a password',
    parse: smtpUrl,
  },
  {
    key: 'email.from',
    env: 'LIAISON_EMAIL_FROM',
    flag: '--email-from',
    defaultText: 'noreply@<the host of public.url>',
    doc: 'the sender of e-mail to people, an address or Name <address>; its domain ends each Message-ID',
    parse: mailSender,
  },
  {
    key: 'email.unsubscribeMailto',
    env: 'LIAISON_EMAIL_UNSUBSCRIBE_MAILTO',
    flag: '--unsubscribe-mailto',
    defaultText: '(none: the one-click URL only)',
    doc: 'an address whose mail unsubscribes, named in List-Unsubscribe beside the one-click URL',
    parse: mailAddress,
  },
  {
    key: 'email.maxConnections',
    env: 'LIAISON_EMAIL_MAX_CONNECTIONS',
    flag: '--email-connections',
    defaultText: '5',
    doc: 'SMTP connections one process holds open at once; a batch is sent over all of them',
    parse: integer(1, 100),
  },
  {
    key: 'push.vapidSubject',
    env: 'LIAISON_PUSH_VAPID_SUBJECT',
    flag: '--vapid-subject',
    defaultText: "public.url when it is https, else mailto:<email.from's address>",
    doc: 'the VAPID subject of Web Push (RFC 8292): a mailto: or https: address where push services can reach the operator',
    parse: vapidSubject,
  },
  {
    key: 'push.vapidKeyFile',
    env: 'LIAISON_PUSH_VAPID_KEY_FILE',
    flag: '--vapid-key-file',
    defaultText: 'vapid.key beside auth.keyFile',
    doc: "file of the node's VAPID key (P-256), which signs its Web Push; made on first use, mode 600. Keep it: browsers subscribed with its public key (a relative path is beside auth.keyFile; every process of a node needs the same one)",
    parse: text(/^.{1,4096}$/s, 'must be a path'),
  },
  {
    key: 'push.serviceHosts',
    env: 'LIAISON_PUSH_SERVICE_HOSTS',
    flag: '--push-service-hosts',
    defaultText: defaultPushServiceHosts.join(','),
    doc: 'the push services a Web Push subscription may point at, comma-separated (host, host:port, or *.domain for its subdomains): the node sends to no other address',
    parse: pushServiceHostList,
  },
  {
    key: 'queue.engine',
    env: 'LIAISON_QUEUE_ENGINE',
    flag: '--queue-engine',
    defaultText: 'database',
    doc: "the work queue's engine: database (a jobs table in the node's own database) or nats (NATS JetStream at queue.natsUrl)",
    parse: oneOf(['database', 'nats']),
  },
  {
    key: 'queue.natsUrl',
    env: 'LIAISON_QUEUE_NATS_URL',
    flag: '--queue-nats-url',
    defaultText: 'nats://127.0.0.1:4222',
    doc: 'the NATS server (with JetStream) of queue.engine nats',
    parse: natsUrl,
  },
  {
    key: 'queue.natsPrefix',
    env: 'LIAISON_QUEUE_NATS_PREFIX',
    flag: '--queue-nats-prefix',
    defaultText: 'liaison_<node.id>',
    doc: "names the queue's NATS streams (<prefix>_jobs, <prefix>_dead) and subjects; every process of a node uses the same one",
    parse: text(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 of A-Z, a-z, 0-9, - and _'),
  },
  {
    key: 'queue.echo',
    env: 'LIAISON_QUEUE_ECHO',
    flag: '--queue-echo',
    defaultText: 'false',
    doc: "run the queue's echo test processor (topic echo: logs each job and acks it) in a process with the jobs service",
    parse: boolean,
  },
  {
    key: 'paging.pollMs',
    env: 'LIAISON_PAGING_POLL_MS',
    flag: '--paging-poll-ms',
    defaultText: '1000',
    doc: 'how often (ms) the paging worker looks for due pages and escalations in the queue, in a process with the jobs service',
    parse: integer(10, 60_000),
  },
  {
    key: 'sms.operatorsFile',
    env: 'LIAISON_SMS_OPERATORS_FILE',
    flag: '--sms-operators-file',
    defaultText: 'none (no SMS)',
    doc: 'JSON file of the SMS operators: their SMPP accounts, the prefixes each carries, ported numbers (docs/operations.md)',
    parse: text(/^.{1,4096}$/s, 'must be a path'),
  },
  {
    key: 'broadcast.operatorsFile',
    env: 'LIAISON_BROADCAST_OPERATORS_FILE',
    flag: '--broadcast-operators',
    defaultText: 'none (no operator broadcast)',
    doc: "JSON file of the operators' cell-broadcast centres: their CAP URLs, national languages, tokens, retries (docs/operations.md)",
    parse: text(/^.{1,4096}$/s, 'must be a path'),
  },
  {
    key: 'log.level',
    env: 'LIAISON_LOG_LEVEL',
    flag: '--log-level',
    defaultText: 'info',
    doc: `log level: ${logLevels.join(', ')}`,
    parse: oneOf(logLevels),
  },
]

/** Environment variables that are not configuration keys but are still ours. */
const otherEnv = new Set(['LIAISON_CONFIG'])
const otherEnvPrefixes = ['LIAISON_TEST_', 'LIAISON_DEMO_', 'LIAISON_BENCH_']

export interface ConfigSources {
  /** Path of a JSON config file, if any. */
  readonly file?: string | undefined
  readonly env: Readonly<Record<string, string | undefined>>
  /** Values given as CLI flags, by config key (`http.port`). */
  readonly flags?: Readonly<Record<string, string | undefined>>
  /** Values set by the program itself (the demo), applied over the defaults only. */
  readonly defaults?: Readonly<Record<string, Parsed>>
  readonly cwd: string
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  } else {
    out.set(prefix, value)
  }
}

/**
 * Reads the configuration once: defaults < config file < environment < CLI flags. Every
 * problem is collected; if there is any, one `config_invalid` error lists them all.
 */
export function loadConfig(sources: ConfigSources): NodeConfig {
  const problems: string[] = []
  const values = new Map<string, Parsed>()
  const byKey = new Map(configKeys.map((k) => [k.key, k]))

  const apply = (key: string, raw: unknown, origin: string) => {
    const spec = byKey.get(key)
    if (!spec) {
      problems.push(`${origin}: unknown key '${key}'${suggest(key, [...byKey.keys()])}`)
      return
    }
    const parsed = spec.parse(raw)
    if ('problem' in parsed) problems.push(`${origin}: ${key}: ${parsed.problem}`)
    else values.set(key, parsed.value)
  }

  // checked like any other layer: a list given as a string is split, an address normalised
  for (const [key, value] of Object.entries(sources.defaults ?? {})) apply(key, value, 'default')

  const file = sources.file ?? sources.env['LIAISON_CONFIG']
  if (file) {
    const path = isAbsolute(file) ? file : resolve(sources.cwd, file)
    let content: unknown
    try {
      content = JSON.parse(readFileSync(path, 'utf8'))
    } catch (error) {
      problems.push(`config file ${path}: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (content !== undefined) {
      if (content === null || typeof content !== 'object' || Array.isArray(content)) {
        problems.push(`config file ${path}: must hold a JSON object`)
      } else {
        const flat = new Map<string, unknown>()
        flatten(content, '', flat)
        for (const [key, value] of flat) apply(key, value, `config file ${path}`)
      }
    }
  }

  const byEnv = new Map(configKeys.map((k) => [k.env, k]))
  for (const [name, value] of Object.entries(sources.env)) {
    if (!name.startsWith('LIAISON_') || value === undefined) continue
    const spec = byEnv.get(name)
    if (spec) apply(spec.key, value, `environment ${name}`)
    else if (!otherEnv.has(name) && !otherEnvPrefixes.some((p) => name.startsWith(p))) {
      problems.push(`environment: unknown variable ${name}${suggest(name, [...byEnv.keys()])}`)
    }
  }

  for (const [key, value] of Object.entries(sources.flags ?? {})) {
    if (value !== undefined) apply(key, value, `flag ${byKey.get(key)?.flag ?? key}`)
  }

  const host = (values.get('http.host') as string | undefined) ?? '127.0.0.1'
  if (isWildcard(host) && !values.has('http.url')) {
    problems.push(
      `http.url: http.host ${host} listens on every interface, so the node cannot tell its own address: set http.url to the address its users reach (such as https://liaison.example.org)`,
    )
  }

  const publicHost = (values.get('public.host') as string | undefined) ?? host
  const services = (values.get('node.services') as readonly string[] | undefined) ?? nodeServices
  if (services.includes('public') && isWildcard(publicHost) && !values.has('public.url')) {
    problems.push(
      `public.url: public.host ${publicHost} listens on every interface, so the public listener cannot tell its own address: set public.url to the address citizens reach (such as https://alert.example.org)`,
    )
  }
  const httpPort = (values.get('http.port') as number | undefined) ?? 8080
  const publicPort = (values.get('public.port') as number | undefined) ?? (httpPort === 0 ? 0 : 8090)
  if (
    services.includes('http') &&
    services.includes('public') &&
    httpPort !== 0 &&
    httpPort === publicPort &&
    publicHost === host
  ) {
    problems.push(
      `public.port: the public listener needs an address of its own, not the duty desk's ${host}:${httpPort} (set public.port)`,
    )
  }

  const smsFile = values.has('sms.operatorsFile')
    ? resolve(sources.cwd, values.get('sms.operatorsFile') as string)
    : null
  let smsOperators: SmsOperators | null = null
  if (smsFile !== null) {
    try {
      smsOperators = loadSmsOperators(smsFile)
    } catch (error) {
      const listed =
        error instanceof LiaisonError ? (error.details as { problems?: string[] }).problems : undefined
      problems.push(
        ...(listed ?? [`sms.operatorsFile: ${String(error)}`]).map((p) => `sms.operatorsFile: ${p}`),
      )
    }
  }

  const broadcastFile = values.has('broadcast.operatorsFile')
    ? resolve(sources.cwd, values.get('broadcast.operatorsFile') as string)
    : null
  let broadcastOperators: BroadcastOperators | null = null
  if (broadcastFile !== null) {
    try {
      broadcastOperators = loadBroadcastOperators(broadcastFile)
    } catch (error) {
      const listed =
        error instanceof LiaisonError ? (error.details as { problems?: string[] }).problems : undefined
      problems.push(
        ...(listed ?? [`broadcast.operatorsFile: ${String(error)}`]).map(
          (p) => `broadcast.operatorsFile: ${p}`,
        ),
      )
    }
  }

  if (problems.length > 0) {
    throw new LiaisonError(
      'config_invalid',
      `invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      { problems },
    )
  }

  const get = <T extends Parsed>(key: string, fallback: T): T =>
    values.has(key) ? (values.get(key) as T) : fallback
  const port = get<number>('http.port', 8080)
  // null: on port 0 the address is known only once the node listens (startNode fills it in)
  const url = values.has('http.url')
    ? get('http.url', '')
    : port === 0
      ? null
      : `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`
  const allowedHosts = values.has('http.allowedHosts')
    ? get<readonly string[]>('http.allowedHosts', [])
    : isLoopback(host)
      ? loopbackHosts
      : []
  const nodeId = get('node.id', 'local')
  const publicUrl = values.has('public.url')
    ? get('public.url', '')
    : publicPort === 0
      ? null
      : `http://${publicHost.includes(':') && !publicHost.startsWith('[') ? `[${publicHost}]` : publicHost}:${publicPort}`
  const publicAllowedHosts = values.has('public.allowedHosts')
    ? get<readonly string[]>('public.allowedHosts', [])
    : isLoopback(publicHost)
      ? loopbackHosts
      : []
  const dataDir = get('store.dataDir', `data/${nodeId}`)
  const absoluteDataDir = isAbsolute(dataDir) ? dataDir : resolve(sources.cwd, dataDir)
  const keyFile = resolve(absoluteDataDir, get('auth.keyFile', 'node.key'))
  const emailFrom = get(
    'email.from',
    `noreply@${publicUrl ? new URL(publicUrl).hostname.replace(/^\[.*\]$/, 'localhost') : 'localhost'}`,
  )
  const fromAddress = /<([^>]+)>/.exec(emailFrom)?.[1] ?? emailFrom
  return {
    node: {
      id: nodeId,
      name: get('node.name', 'Liaison'),
      country: get<Country>('node.country', 'BE'),
      services: services as readonly NodeService[],
    },
    http: {
      host,
      port,
      url,
      allowedHosts: url ? [...new Set([new URL(url).host, ...allowedHosts])] : [...allowedHosts],
      bodyLimit: get('http.bodyLimit', 1024 * 1024),
      trustProxy: get('http.trustProxy', false),
      webDir: resolve(sources.cwd, get('http.webDir', defaultWebDir)),
      streamHeartbeatSeconds: get('http.streamHeartbeatSeconds', 15),
      streamsPerPrincipal: get('http.streamsPerPrincipal', 8),
      streamsPerAddress: get('http.streamsPerAddress', 64),
      authFailuresPerAddress: get('http.authFailuresPerAddress', 30),
      authFailureWindowSeconds: get('http.authFailureWindowSeconds', 60),
      idempotencyHours: get('http.idempotencyHours', 24),
    },
    public: {
      host: publicHost,
      port: publicPort,
      url: publicUrl,
      allowedHosts: publicUrl
        ? [...new Set([new URL(publicUrl).host, ...publicAllowedHosts])]
        : [...publicAllowedHosts],
      requestsPerMinute: get('public.requestsPerMinute', 600),
    },
    metrics: {
      allow: get('metrics.allow', '127.0.0.0/8,::1')
        .split(',')
        .filter((e) => e.length > 0),
      token: get<string | null>('metrics.token', null),
    },
    store: {
      dataDir: absoluteDataDir,
      url: get<string | null>('store.url', null),
      poolSize: get('store.poolSize', 10),
    },
    auth: {
      keyFile,
      signingKeyFile: resolve(dirname(keyFile), get('auth.signingKeyFile', 'node-signing.key')),
    },
    audit: {
      checkpointSeconds: get('audit.checkpointSeconds', 300),
      checkpointFile: resolve(dirname(keyFile), get('audit.checkpointFile', 'audit-checkpoints.jsonl')),
    },
    log: { level: get<LogLevel>('log.level', 'info') },
    federation: {
      pushSeconds: get('federation.pushSeconds', 10),
      parkAfter: get('federation.parkAfter', 10),
      alertProposalKm: get('federation.alertProposalKm', 10),
      caFile: ((file) => (file === null ? null : resolve(sources.cwd, file)))(
        get<string | null>('federation.caFile', null),
      ),
      keyGraceSeconds: get('federation.keyGraceSeconds', 604_800),
    },
    email: {
      smtpUrl: get<string | null>('email.smtpUrl', null),
      from: emailFrom,
      unsubscribeMailto: get<string | null>('email.unsubscribeMailto', null),
      maxConnections: get('email.maxConnections', 5),
    },
    push: {
      vapidSubject: get(
        'push.vapidSubject',
        publicUrl?.startsWith('https:') ? publicUrl : `mailto:${fromAddress}`,
      ),
      vapidKeyFile: resolve(dirname(keyFile), get('push.vapidKeyFile', 'vapid.key')),
      serviceHosts: get<readonly string[]>('push.serviceHosts', defaultPushServiceHosts),
    },
    queue: {
      engine: get<'database' | 'nats'>('queue.engine', 'database'),
      natsUrl: get('queue.natsUrl', 'nats://127.0.0.1:4222'),
      natsPrefix: get('queue.natsPrefix', `liaison_${nodeId.replace(/[^A-Za-z0-9_-]/g, '_')}`),
      echo: get('queue.echo', false),
    },
    paging: { pollMs: get('paging.pollMs', 1000) },
    sms: { operatorsFile: smsFile, operators: smsOperators },
    broadcast: { operatorsFile: broadcastFile, operators: broadcastOperators },
  }
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}

function suggest(name: string, known: readonly string[]): string {
  const best = known
    .map((k) => ({ k, d: distance(name.toLowerCase(), k.toLowerCase()) }))
    .sort((x, y) => x.d - y.d)[0]
  return best && best.d <= 3 ? ` (did you mean '${best.k}'?)` : ''
}

/** The help text that documents every key, for `liaison start --help` and docs/operations.md. */
export function configHelp(): string {
  const lines = configKeys.map(
    (k) =>
      `  ${k.key.padEnd(16)} ${k.env.padEnd(28)} ${k.flag.padEnd(15)} ${k.doc} [default: ${k.defaultText}]`,
  )
  return [
    'Configuration (defaults < config file (--config or LIAISON_CONFIG, JSON) < environment < flags):',
    `  ${'key'.padEnd(16)} ${'environment'.padEnd(28)} ${'flag'.padEnd(15)} meaning`,
    ...lines,
  ].join('\n')
}
