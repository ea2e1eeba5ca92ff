import type { ReactNode } from 'react'
import { useId } from 'react'
import type { IncomingItem } from '../api/incomingApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { ShowMore } from '../lists/ShowMore.tsx'
import type { Pages } from '../lists/usePages.ts'

/**
 * One list of a received case (its log, tasks, decisions or situation reports): a heading, the
 * items a page at a time with "show more", or what to say when the partner shared none.
 */
export function ReceivedItemsSection({
  title,
  empty,
  testId,
  pages,
  ordered = false,
  render,
}: {
  readonly title: string
  readonly empty: string
  readonly testId: string
  readonly pages: Pages<IncomingItem>
  readonly ordered?: boolean
  readonly render: (item: IncomingItem) => ReactNode
}) {
  const headingId = useId()
  const List = ordered ? 'ol' : 'ul'
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {pages.error !== null && <ErrorAlert error={pages.error} />}
      {pages.data && pages.data.items.length === 0 && <p className="muted">{empty}</p>}
      {pages.data && pages.data.items.length > 0 && (
        <List className="plain-list" data-testid={testId}>
          {pages.data.items.map(render)}
        </List>
      )}
      <ShowMore
        next={pages.data?.next ?? null}
        loading={pages.loading}
        onMore={pages.more}
        list={title}
        testId={testId}
      />
    </section>
  )
}
