/**
 * The closed set of error codes, and the one table that maps each to an HTTP status and a CLI
 * exit code (sysexits.h). Every edge (HTTP, CLI, federation) answers with one of these.
 */
export const errorCodes = {
  validation_failed: { http: 400, exit: 65, summary: 'the input does not match what is expected' },
  malformed_body: { http: 400, exit: 65, summary: 'the request body could not be parsed' },
  payload_too_large: { http: 413, exit: 65, summary: 'the input is larger than allowed' },
  unsupported_media_type: { http: 415, exit: 65, summary: 'the content type is not accepted here' },
  unauthenticated: { http: 401, exit: 77, summary: 'sign-in is required' },
  invalid_credentials: { http: 401, exit: 77, summary: 'the username, password or code is wrong' },
  totp_required: { http: 401, exit: 77, summary: 'a one-time code is required' },
  session_expired: { http: 401, exit: 77, summary: 'the session has expired; sign in again' },
  session_invalid: { http: 401, exit: 77, summary: 'the session or token is not valid' },
  account_locked: { http: 423, exit: 77, summary: 'the account is locked after failed sign-ins' },
  csrf_failed: { http: 403, exit: 77, summary: 'the CSRF token is missing or wrong' },
  forbidden: { http: 403, exit: 77, summary: 'the actor may not do this' },
  insufficient_scope: { http: 403, exit: 77, summary: "the API token's scopes do not allow this" },
  other_organisation: { http: 403, exit: 77, summary: 'this belongs to another organisation' },
  not_found: { http: 404, exit: 66, summary: 'no such route or item' },
  host_not_allowed: {
    http: 421,
    exit: 68,
    summary: 'the request names a host this node does not answer for',
  },
  conflict: { http: 409, exit: 65, summary: 'the change conflicts with the current state' },
  idempotency_key_reused: {
    http: 422,
    exit: 65,
    summary: 'this Idempotency-Key was already used for a different request',
  },
  rate_limited: { http: 429, exit: 75, summary: 'too many requests; try again later' },
  config_invalid: { http: 500, exit: 78, summary: 'the configuration is invalid' },
  usage: { http: 400, exit: 64, summary: 'the command was called with wrong arguments' },
  store_unavailable: { http: 503, exit: 69, summary: 'the database cannot be reached' },
  data_dir_locked: { http: 503, exit: 75, summary: 'another process uses this data directory' },
  port_in_use: { http: 503, exit: 69, summary: 'the listening address is already in use' },
  not_ready: { http: 503, exit: 75, summary: 'the node is not ready' },
  integrity_failed: { http: 500, exit: 65, summary: 'stored data failed an integrity check' },
  internal: { http: 500, exit: 70, summary: 'an unexpected error; see the logs' },
} as const satisfies Record<string, { http: number; exit: number; summary: string }>

export type ErrorCode = keyof typeof errorCodes

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value)
}
