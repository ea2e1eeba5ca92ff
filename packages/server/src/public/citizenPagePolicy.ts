/**
 * The citizen page's Content-Security-Policy: unlike the rest of the public listener it runs a
 * script, but only its own bundle from this origin; it talks to this origin only (the API of
 * decision 040), registers the alert service worker from it, and loads nothing from elsewhere.
 * Still `default-src 'none'`, so anything not named here is refused.
 */
export const citizenPagePolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')
