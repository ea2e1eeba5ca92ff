import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'

/** The limits of a CAP source's polling (decision 031). */
export const capSourceLimits = {
  nameMax: 100,
  urlMax: 2000,
  pollSecondsMin: 30,
  pollSecondsMax: 86_400,
  staleAfterSecondsMin: 60,
  staleAfterSecondsMax: 30 * 86_400,
} as const

export interface NewCapSourceInput {
  readonly name: string
  readonly url: string
  readonly pollSeconds: number
  readonly staleAfterSeconds: number
  readonly enabled: boolean
}

export interface CapSource extends NewCapSourceInput {
  readonly id: string
  readonly createdAt: Date
}

export type NewCapSourceRefusal =
  | { readonly reason: 'invalid'; readonly problems: readonly string[] }
  | { readonly reason: 'name_taken'; readonly name: string }

const httpUrl = /^https?:\/\/[^\s/?#]+[^\s]*$/i

/**
 * A CAP source to poll: a name of its own on the node, an http(s) address, an interval between
 * the limits and a stale-after no shorter than the interval (a source polled every hour cannot
 * be called current for only ten minutes).
 */
export function newCapSource(
  input: NewCapSourceInput,
  facts: { readonly id: string; readonly at: Date; readonly nameTaken: boolean },
): Result<CapSource, NewCapSourceRefusal> {
  const l = capSourceLimits
  const problems: string[] = []
  const name = input.name.trim()
  if (name.length === 0 || name.length > l.nameMax) problems.push(`name: 1 to ${l.nameMax} characters`)
  if (input.url.length > l.urlMax || !httpUrl.test(input.url)) {
    problems.push('url: an http or https address')
  }
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max
  if (!whole(input.pollSeconds, l.pollSecondsMin, l.pollSecondsMax)) {
    problems.push(`pollSeconds: a whole number from ${l.pollSecondsMin} to ${l.pollSecondsMax}`)
  }
  if (!whole(input.staleAfterSeconds, l.staleAfterSecondsMin, l.staleAfterSecondsMax)) {
    problems.push(
      `staleAfterSeconds: a whole number from ${l.staleAfterSecondsMin} to ${l.staleAfterSecondsMax}`,
    )
  } else if (input.staleAfterSeconds < input.pollSeconds) {
    problems.push('staleAfterSeconds: at least pollSeconds')
  }
  if (problems.length > 0) return err({ reason: 'invalid', problems })
  if (facts.nameTaken) return err({ reason: 'name_taken', name })
  return ok({ ...input, name, id: facts.id, createdAt: facts.at })
}
