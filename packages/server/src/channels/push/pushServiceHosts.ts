/**
 * The push services of the browsers people use (Chrome, Edge's and Opera's Chromium, Firefox,
 * Safari, Windows): a subscription's endpoint must be on one of them, so that a registration
 * cannot make the node POST to an address of its choosing (server-side request forgery).
 * `*.` matches any subdomain, not the domain itself.
 */
export const defaultPushServiceHosts: readonly string[] = [
  'fcm.googleapis.com',
  'android.googleapis.com',
  'updates.push.services.mozilla.com',
  '*.push.apple.com',
  '*.notify.windows.com',
]

/** Whether an endpoint is an https: address (default port or any, as given) on an allowed push service. */
export function isAllowedPushEndpoint(endpoint: string, hosts: readonly string[]): boolean {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false
  const host = url.hostname.toLowerCase()
  const withPort = url.port ? `${host}:${url.port}` : host
  return hosts.some((allowed) => {
    const pattern = allowed.toLowerCase()
    if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1
    return pattern === host || pattern === withPort
  })
}
