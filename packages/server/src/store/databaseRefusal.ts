import { LiaisonError } from '@liaison/core'

/**
 * A refusal for a database error that the input caused, or null for any other error: SQLSTATE
 * class 22 (data exception: a value out of range, an invalid byte sequence, a uuid or a date
 * that is not one) and 54001 (a statement too deep). Input is validated at the edge first; this
 * keeps anything that slips past from ever answering 500.
 */
export function databaseRefusal(error: unknown): LiaisonError | null {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return null
  if (code.startsWith('22') || code === '54001') {
    const message = (error as { message?: unknown }).message
    return new LiaisonError(
      'validation_failed',
      `a value cannot be stored: ${typeof message === 'string' ? message : `SQLSTATE ${code}`}`,
    )
  }
  return null
}
