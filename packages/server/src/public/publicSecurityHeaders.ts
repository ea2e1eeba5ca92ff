import type { OutgoingHttpHeaders } from 'node:http'
import { publicPageStyleHash } from './publicPage.ts'

/**
 * Headers every answer of the public listener carries: stricter than the duty desk's, since it
 * runs no script at all. HSTS is added when it is reached over TLS.
 */
export function publicSecurityHeaders(options: { tls: boolean }): OutgoingHttpHeaders {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'content-security-policy': [
      "default-src 'none'",
      `style-src ${publicPageStyleHash}`,
      "img-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    ...(options.tls ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } : {}),
  }
}
