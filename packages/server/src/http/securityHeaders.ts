import type { OutgoingHttpHeaders } from 'node:http'

/** Headers every answer carries. HSTS is added only when the node is reached over TLS. */
export function securityHeaders(options: { tls: boolean; docs: boolean }): OutgoingHttpHeaders {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(self)',
    'content-security-policy': [
      "default-src 'self'",
      // the API documentation page styles itself inline
      options.docs ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
      // the map draws in a web worker that MapLibre starts from a blob: URL
      "worker-src 'self' blob:",
      "child-src 'self' blob:",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; '),
    ...(options.tls ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } : {}),
  }
}
