const key = 'liaison.session'

/**
 * Whether this browser may hold a session. The session cookie is httpOnly, so the page cannot
 * see it; asking `GET /api/v1/me` on every first visit would make the browser log a 401 each
 * time. The hint is set at sign-in and cleared at sign-out or when the node says the session is
 * gone. Without storage, the page always asks.
 */
export const sessionHint = {
  maybeSignedIn(): boolean {
    try {
      return localStorage.getItem(key) !== null
    } catch {
      return true
    }
  },
  remember(): void {
    try {
      localStorage.setItem(key, '1')
    } catch {
      // the page will ask the node next time
    }
  },
  forget(): void {
    try {
      localStorage.removeItem(key)
    } catch {
      // nothing to forget
    }
  },
}
