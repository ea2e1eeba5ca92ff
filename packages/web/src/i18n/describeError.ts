import type { TFunction } from 'i18next'
import { isApiError } from '../api/ApiError.ts'
import type { Dictionary } from './Dictionary.ts'
import { en } from './en.ts'
import { formatDateTime } from './formatDateTime.ts'

type ErrorKey = keyof Dictionary['errors']
type ReasonKey = keyof Dictionary['reasons']

function isErrorKey(code: string): code is ErrorKey {
  return Object.hasOwn(en.errors, code)
}

function isReasonKey(reason: string | undefined): reason is ReasonKey {
  return reason !== undefined && Object.hasOwn(en.reasons, reason)
}

function lockedUntil(details: unknown): string | null {
  if (typeof details !== 'object' || details === null || !('lockedUntil' in details)) return null
  return typeof details.lockedUntil === 'string' ? details.lockedUntil : null
}

function retryAfterSeconds(details: unknown): number | null {
  if (typeof details !== 'object' || details === null || !('retryAfterSeconds' in details)) return null
  return typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : null
}

/**
 * What went wrong, in the interface's language: the sentence for the rule that refused when the
 * node names one (its `reason`), else one sentence per error code.
 */
export function describeError(error: unknown, t: TFunction, language: string): string {
  if (!isApiError(error)) return t('errors.internal')
  if (isReasonKey(error.reason)) return t(`reasons.${error.reason}`)
  if (error.code === 'account_locked') {
    const until = lockedUntil(error.details)
    if (until) return t('signIn.lockedUntil', { until: formatDateTime(until, language) })
  }
  if (error.code === 'rate_limited') {
    // a sign-in delay says how long this computer must wait
    const seconds = retryAfterSeconds(error.details)
    if (seconds !== null) return t('signIn.retryIn', { seconds })
  }
  return isErrorKey(error.code) ? t(`errors.${error.code}`) : t('errors.internal')
}

/**
 * The node's own explanation, for errors where it says more than the code (which field, which
 * rule, which name is taken). The node writes it in English.
 */
export function errorExplanation(error: unknown): string[] {
  if (!isApiError(error) || error.status === 0 || error.code === 'internal') return []
  const details = error.details
  if (Array.isArray(details)) {
    const lines = details.flatMap((d: unknown) =>
      typeof d === 'object' && d !== null && 'message' in d && typeof d.message === 'string'
        ? ['path' in d && typeof d.path === 'string' ? `${d.path}: ${d.message}` : d.message]
        : [],
    )
    if (lines.length > 0) return lines
  }
  if (
    typeof details === 'object' &&
    details !== null &&
    'problems' in details &&
    Array.isArray(details.problems)
  ) {
    const problems = details.problems.filter((p: unknown): p is string => typeof p === 'string')
    if (problems.length > 0) return problems
  }
  return error.message ? [error.message] : []
}
