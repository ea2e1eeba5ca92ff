/** Codes for failures that happen before the node answers, beside the node's own error codes. */
export type ClientErrorCode = 'network_failed' | 'unexpected_answer'

/**
 * One refused or failed request: the node's `{ error: { code, message, reason, details } }`, or a
 * client failure (status 0).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  /** An `ErrorCode` of `@liaison/core` when the node answered, else a `ClientErrorCode`. */
  readonly code: string
  /** For an expected refusal, the rule that refused: a `RefusalReason` of `@liaison/core`. */
  readonly reason: string | undefined
  readonly details: unknown

  constructor(input: { status: number; code: string; message: string; reason?: string; details?: unknown }) {
    super(input.message)
    this.status = input.status
    this.code = input.code
    this.reason = input.reason
    this.details = input.details
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError
}
