import type { ErrorCode } from './errorCodes.ts'
import { errorCodes } from './errorCodes.ts'

/** One error type for the whole project: a code from the closed set, a message for people, details for programs. */
export class LiaisonError extends Error {
  override readonly name = 'LiaisonError'
  readonly code: ErrorCode
  readonly details: unknown

  constructor(code: ErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.details = details
  }

  get httpStatus(): number {
    return errorCodes[this.code].http
  }

  get exitCode(): number {
    return errorCodes[this.code].exit
  }

  toBody(): { error: { code: ErrorCode; message: string; details?: unknown } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    }
  }
}

export function isLiaisonError(value: unknown): value is LiaisonError {
  return value instanceof LiaisonError
}
