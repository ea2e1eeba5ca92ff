import { isApiError } from '../api/ApiError.ts'
import type { CitizenTexts } from './texts/citizenTexts.ts'
import { fill } from './texts/citizenTexts.ts'

const isReason = (texts: CitizenTexts, reason: string | undefined): reason is keyof CitizenTexts['reasons'] =>
  reason !== undefined && Object.hasOwn(texts.reasons, reason)

/** The path of the first field the node named (`body/addresses/1/address`), if it named one. */
function firstPath(details: unknown): string | null {
  if (!Array.isArray(details)) return null
  const first: unknown = details[0]
  if (typeof first !== 'object' || first === null || !('path' in first)) return null
  return typeof first.path === 'string' ? first.path : null
}

/**
 * What went wrong, in the page's language: the rule that refused when the node names one, else
 * the field it named (the kind of the address at that place of the request, the places, the
 * languages), else one sentence per error code.
 */
export function describeCitizenError(
  error: unknown,
  texts: CitizenTexts,
  kindAt: (index: number) => 'sms' | 'email' | 'push' | undefined = () => undefined,
): string {
  if (!isApiError(error)) return texts.errors.other
  if (isReason(texts, error.reason)) return texts.reasons[error.reason]
  if (error.code === 'validation_failed') {
    const path = firstPath(error.details) ?? error.message
    const address = /addresses\/(\d+)/.exec(path)
    const kind = address ? kindAt(Number(address[1])) : undefined
    const field = kind
      ? texts.fields[kind === 'sms' ? 'phone' : kind]
      : /places/.test(path)
        ? texts.fields.places
        : /languages/.test(path)
          ? texts.fields.languages
          : /code/.test(path)
            ? texts.fields.code
            : /email|@/.test(path)
              ? texts.fields.email
              : texts.fields.phone
    return fill(texts.errors.validation_failed, { field })
  }
  if (error.code === 'rate_limited') return texts.errors.rate_limited
  if (error.code === 'network_failed') return texts.errors.network_failed
  if (error.code === 'session_invalid' || error.code === 'unauthenticated')
    return texts.errors.session_invalid
  if (error.code === 'not_found') return texts.errors.not_found
  return texts.errors.other
}
