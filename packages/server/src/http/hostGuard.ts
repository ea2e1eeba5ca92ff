import type { FastifyRequest } from 'fastify'
import { LiaisonError } from '@liaison/core'
import type { App, AppDeps } from './AppDeps.ts'

/** Probes that orchestrators send under whatever name they use for the machine: never host-checked. */
const unchecked = new Set(['/health', '/ready'])

/** A Host value (`name`, `name:port`, `[v6]:port`) as its name and port, or null if it is none of these. */
export function splitHost(value: string): { name: string; port: string | null } | null {
  const host = value.trim().toLowerCase()
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/.exec(host)
  if (!match) return null
  return { name: match[1]!, port: match[2] ?? null }
}

/** Whether a Host value is one of the allowed hosts: `name` allows any port, `name:port` that port. */
export function hostAllowed(value: string, allowed: readonly string[]): boolean {
  const host = splitHost(value)
  if (!host) return false
  return allowed.some((entry) => {
    const wanted = splitHost(entry)
    return wanted !== null && wanted.name === host.name && (wanted.port === null || wanted.port === host.port)
  })
}

/** The Host values a request names: its Host header and, behind a trusted proxy, X-Forwarded-Host. */
function namedHosts(req: FastifyRequest, trustProxy: boolean): string[] {
  const hosts = [req.headers.host ?? '']
  const forwarded = req.headers['x-forwarded-host']
  if (trustProxy && forwarded !== undefined) {
    for (const value of Array.isArray(forwarded) ? forwarded : [forwarded]) hosts.push(...value.split(','))
  }
  return hosts
}

export interface HostGuardOptions {
  /** The listener's own address, known once it listens (on port 0): its host is always allowed. */
  readonly ownUrl: () => string
  readonly allowedHosts: readonly string[]
  readonly trustProxy: boolean
  /** The configuration keys a refusal points to (`http.url and http.allowedHosts`). */
  readonly keys: string
}

/** The duty desk's guard options, from the node's configuration. */
export function nodeHostGuard(deps: AppDeps): HostGuardOptions {
  return {
    ownUrl: deps.nodeUrl,
    allowedHosts: deps.config.http.allowedHosts,
    trustProxy: deps.config.http.trustProxy,
    keys: 'http.url and http.allowedHosts',
  }
}

/**
 * Refuses every request whose Host (and, behind a trusted proxy, X-Forwarded-Host) is not one
 * the listener is configured for, with 421 `host_not_allowed`: a page whose name an attacker has
 * rebound to the node's address (DNS rebinding) reads nothing. `/health` and `/ready` are
 * answered under any name. Register it before the routes, as an `onRequest` hook. The duty desk
 * and the public listener each have one, with their own names (decision 007, 017).
 */
export function hostGuard(app: App, options: HostGuardOptions): void {
  const { allowedHosts, trustProxy, keys } = options
  app.addHook('onRequest', async (req) => {
    if (unchecked.has(req.url.split('?')[0] ?? '')) return
    const allowed = [new URL(options.ownUrl()).host, ...allowedHosts]
    const refused = namedHosts(req, trustProxy).find((h) => !hostAllowed(h, allowed))
    if (refused !== undefined) {
      throw new LiaisonError(
        'host_not_allowed',
        refused === ''
          ? `the request names no host; this listener answers only for the hosts it is configured for (${keys})`
          : `this listener does not answer for the host '${refused.slice(0, 255)}' (see ${keys})`,
      )
    }
  })
}
