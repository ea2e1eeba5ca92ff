import type { Dictionary } from '../i18n/Dictionary.ts'

/** Keys of the `users` dictionary that name a problem with the input. */
export type UserProblem = Extract<keyof Dictionary['users'], `problem${string}`>

// The node checks the same rules (@liaison/core identity/passwordPolicy.ts); checking them here
// first lets the page say what is wrong, next to the field, in the reader's language.
const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$/
const minPasswordLength = 12

export function usernameProblem(username: string): UserProblem | null {
  return usernamePattern.test(username) ? null : 'problemUsername'
}

export function displayNameProblem(displayName: string): UserProblem | null {
  const length = displayName.trim().length
  return length >= 2 && length <= 120 ? null : 'problemDisplayName'
}

export function passwordProblem(password: string, username: string): UserProblem | null {
  const length = [...password].length
  if (length < minPasswordLength) return 'problemPasswordLength'
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    return 'problemPasswordUsername'
  if (new Set(password).size < 4) return 'problemPasswordVariety'
  return null
}

export function rolesProblem(roles: readonly string[]): UserProblem | null {
  return roles.length > 0 ? null : 'problemRoles'
}
