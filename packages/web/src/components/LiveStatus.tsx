export interface LiveStatusProps {
  readonly message: string | null
  readonly testId?: string
  /** A running count rather than news: plain text, no green box. */
  readonly quiet?: boolean
}

/**
 * A polite live region that stays in the page, so that a message put into it later is read
 * out (a region created together with its text often is not).
 */
export function LiveStatus({ message, testId, quiet = false }: LiveStatusProps) {
  const className = !message ? 'status-message status-empty' : quiet ? 'status-quiet' : 'status-message'
  return (
    <div role="status" className={className} data-testid={testId}>
      {message}
    </div>
  )
}
