import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * The end of a paged list: a sentinel that asks for the next page when it scrolls into view, and
 * a "Show more" button for the keyboard and for browsers without IntersectionObserver. Nothing
 * on the last page.
 */
export function ShowMore({
  next,
  loading,
  onMore,
  list,
  testId,
}: {
  readonly next: string | null
  readonly loading: boolean
  readonly onMore: () => void
  /** The list's name, for screen readers: "Show more: {list}". */
  readonly list: string
  readonly testId: string
}) {
  const { t } = useTranslation()
  const sentinel = useRef<HTMLDivElement>(null)
  const onMoreRef = useRef(onMore)
  useEffect(() => {
    onMoreRef.current = onMore
  })
  useEffect(() => {
    const element = sentinel.current
    if (!element || next === null || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver(
      (seen) => {
        if (seen.some((entry) => entry.isIntersecting)) onMoreRef.current()
      },
      { rootMargin: '200px' },
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [next])
  if (next === null) return null
  return (
    <div className="show-more">
      <div ref={sentinel} aria-hidden="true" data-testid={`${testId}-sentinel`} />
      <button
        type="button"
        className="button button-small"
        aria-disabled={loading || undefined}
        onClick={() => {
          if (!loading) onMore()
        }}
        data-testid={`${testId}-more`}
      >
        {loading ? t('app.loading') : t('lists.showMore')}
        <span className="visually-hidden">: {list}</span>
      </button>
    </div>
  )
}
