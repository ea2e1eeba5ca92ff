const storageKey = 'liaison.citizen.token'

/**
 * The management token (`lsub_…`, decision 040) kept on this browser, so that the person finds
 * their registration again here; elsewhere they claim it back with a code.
 */
export const managementToken = {
  read(): string | null {
    try {
      const token = localStorage.getItem(storageKey)
      return token && /^lsub_[A-Za-z0-9_-]+$/.test(token) ? token : null
    } catch {
      return null
    }
  },
  keep(token: string): void {
    try {
      localStorage.setItem(storageKey, token)
    } catch {
      // storage switched off: the registration holds for this visit only
    }
  },
  forget(): void {
    try {
      localStorage.removeItem(storageKey)
    } catch {
      // nothing kept
    }
  },
}
