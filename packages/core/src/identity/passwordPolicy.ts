/** Long passphrases over composition rules (NIST SP 800-63B): length, not the username, not one repeated character. */
export const passwordPolicy = { minLength: 12, maxLength: 256 } as const

export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = []
  const length = [...password].length
  if (length < passwordPolicy.minLength)
    problems.push(`password: must be at least ${passwordPolicy.minLength} characters`)
  if (length > passwordPolicy.maxLength)
    problems.push(`password: must be at most ${passwordPolicy.maxLength} characters`)
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('password: must not contain the username')
  }
  if (length > 0 && new Set(password).size < 4)
    problems.push('password: must use at least 4 different characters')
  return problems
}

const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$/

export function usernameProblems(username: string): string[] {
  return usernamePattern.test(username)
    ? []
    : [`username: '${username}' must be 3 to 64 lower-case letters, digits, dots, hyphens or underscores`]
}

export function displayNameProblems(displayName: string): string[] {
  const trimmed = displayName.trim()
  return trimmed.length >= 2 && trimmed.length <= 120 ? [] : ['displayName: must be 2 to 120 characters']
}
