import type { ErrorCode } from './errorCodes.ts'
import { errorCodes } from './errorCodes.ts'
import type { RefusalReason } from './refusalReasons.ts'
import { refusalReasons } from './refusalReasons.ts'

/** What the error body says: the code, the message for people, and the rule that refused, if one did. */
export interface ErrorBodyFields {
  code: ErrorCode
  message: string
  reason?: RefusalReason
  details?: unknown
}

/**
 * One error type for the whole project: a code from the closed set, a message for people, details
 * for programs, and for an expected refusal the reason from the closed set of `refusalReasons`
 * (which rule refused, for a client to explain in its own language).
 */
export class LiaisonError extends Error {
  override readonly name = 'LiaisonError'
  readonly code: ErrorCode
  readonly details: unknown
  readonly reason: RefusalReason | undefined

  constructor(
    code: ErrorCode,
    message: string,
    details?: unknown,
    options?: { cause?: unknown; reason?: RefusalReason },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.details = details
    this.reason = options?.reason
  }

  get httpStatus(): number {
    return errorCodes[this.code].http
  }

  get exitCode(): number {
    return errorCodes[this.code].exit
  }

  toBody(): { error: ErrorBodyFields } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.reason === undefined ? {} : { reason: this.reason }),
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    }
  }
}

/** The refusal for a reason: its code from the table, the message (its summary unless told), the reason. */
export function refusalError(reason: RefusalReason, message?: string, details?: unknown): LiaisonError {
  const entry = refusalReasons[reason]
  return new LiaisonError(entry.code, message ?? entry.summary, details, { reason })
}

export function isLiaisonError(value: unknown): value is LiaisonError {
  return value instanceof LiaisonError
}
