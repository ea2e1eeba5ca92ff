import { passwordPolicy } from '@liaison/core'
import { isApiError } from '../api/ApiError.ts'
import type { Dictionary } from '../i18n/Dictionary.ts'

/** The fields of the change-password form. */
export type PasswordField = 'currentPassword' | 'newPassword' | 'repeatPassword'

/** Keys of the `password.problem` dictionary. */
export type PasswordProblem = keyof Dictionary['password']['problem']

/** At most one problem per field, the first found. */
export type PasswordProblems = Partial<Record<PasswordField, PasswordProblem>>

export interface PasswordChangeInput {
  readonly currentPassword: string
  readonly newPassword: string
  readonly repeatPassword: string
  readonly username: string
}

// The node checks the same policy (core's passwordPolicy) and says which rule failed; checking
// here first lets the page say so next to the field, in the reader's language.
const { minLength, maxLength } = passwordPolicy

/** What the browser can tell before asking the node (it cannot tell whether the current password is right). */
export function passwordChangeProblems(input: PasswordChangeInput): PasswordProblems {
  const { currentPassword, newPassword, repeatPassword, username } = input
  const length = [...newPassword].length
  const problems: PasswordProblems = {}
  if (currentPassword === '') problems.currentPassword = 'currentRequired'
  const newProblem: PasswordProblem | null =
    length < minLength
      ? 'tooShort'
      : length > maxLength
        ? 'tooLong'
        : username.length >= 3 && newPassword.toLowerCase().includes(username.toLowerCase())
          ? 'containsUsername'
          : new Set(newPassword).size < 4
            ? 'tooFewCharacters'
            : currentPassword !== '' && newPassword === currentPassword
              ? 'sameAsCurrent'
              : null
  if (newProblem) problems.newPassword = newProblem
  if (repeatPassword === '') problems.repeatPassword = 'repeatRequired'
  else if (repeatPassword !== newPassword) problems.repeatPassword = 'repeatDiffers'
  return problems
}

/** The node's problem sentences (`newPassword: must …`), each matched to the rule it states. */
const nodeRules: readonly { readonly pattern: RegExp; readonly problem: PasswordProblem }[] = [
  { pattern: /not your current password/i, problem: 'currentWrong' },
  { pattern: /at least \d+ characters/i, problem: 'tooShort' },
  { pattern: /at most \d+ characters/i, problem: 'tooLong' },
  { pattern: /username/i, problem: 'containsUsername' },
  { pattern: /different characters/i, problem: 'tooFewCharacters' },
  { pattern: /differ from the current/i, problem: 'sameAsCurrent' },
]

function nodeProblemLines(error: unknown): string[] {
  if (!isApiError(error) || error.code !== 'validation_failed') return []
  const details = error.details
  if (typeof details === 'object' && details !== null && 'problems' in details) {
    const listed = details.problems
    if (Array.isArray(listed)) return listed.filter((p): p is string => typeof p === 'string')
  }
  return error.message.split('; ')
}

/**
 * The node's refusal of a change as problems of the form's fields: `currentPassword: …` and
 * `newPassword: …` are put on their field (a rule the page does not know reads as `refused`).
 * Null when the refusal is not about the fields (locked, rate-limited, the node unreachable…).
 */
export function passwordProblemsFromNode(error: unknown): PasswordProblems | null {
  const problems: PasswordProblems = {}
  for (const line of nodeProblemLines(error)) {
    const match = /^\s*(currentPassword|newPassword)\s*:\s*(.*)$/.exec(line)
    if (!match) continue
    const field = match[1] as 'currentPassword' | 'newPassword'
    if (problems[field]) continue
    problems[field] = nodeRules.find((rule) => rule.pattern.test(match[2] ?? ''))?.problem ?? 'refused'
  }
  return Object.keys(problems).length > 0 ? problems : null
}
