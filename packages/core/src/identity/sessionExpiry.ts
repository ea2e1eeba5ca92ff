/** A duty officer's shift is 12 hours: a session lives at most that long, and dies after 2 idle hours. */
export const sessionPolicy = { idleMs: 2 * 3_600_000, absoluteMs: 12 * 3_600_000 } as const

export type SessionExpiry = 'live' | 'idle' | 'absolute'

export function sessionExpiry(
  session: { readonly createdAt: Date; readonly lastSeenAt: Date },
  at: Date,
  policy: { readonly idleMs: number; readonly absoluteMs: number } = sessionPolicy,
): SessionExpiry {
  if (at.getTime() - session.createdAt.getTime() >= policy.absoluteMs) return 'absolute'
  if (at.getTime() - session.lastSeenAt.getTime() >= policy.idleMs) return 'idle'
  return 'live'
}
