import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { Receipt } from '../api/incomingApi.ts'
import { listCaseReceipts } from '../api/incomingApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { ShowMore } from '../lists/ShowMore.tsx'
import { usePages } from '../lists/usePages.ts'

/**
 * What partner centres said of this case and its items (decision 035): delivered when their
 * node applied it, acknowledged by whom, a page at a time. Shown only once there is a receipt.
 */
export function ReceiptsPanel({ caseId }: { readonly caseId: string }) {
  const { t } = useTranslation()
  const headingId = useId()
  const receipts = usePages(
    (after) => listCaseReceipts(caseId, after),
    (r: Receipt) => `${r.itemId}:${r.node}:${r.state}`,
    caseId,
  )
  if (receipts.error !== null) return <ErrorAlert error={receipts.error} />
  const items = receipts.data?.items ?? []
  if (items.length === 0) return null
  return (
    <section aria-labelledby={headingId} data-testid="case-receipts">
      <h2 id={headingId}>{t('receipts.title')}</h2>
      <table className="table table-dense">
        <caption>{t('receipts.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('receipts.item')}</th>
            <th scope="col">{t('receipts.centre')}</th>
            <th scope="col">{t('receipts.state')}</th>
            <th scope="col">{t('receipts.at')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={`${r.itemId}:${r.node}:${r.state}`}>
              <td>{r.itemId === caseId ? t('receipts.thisCase') : t(`incoming.kinds.${r.itemKind}`)}</td>
              <td>{r.node.toUpperCase()}</td>
              <td>
                {r.state === 'acknowledged'
                  ? t('receipts.acknowledgedBy', {
                      name: r.byName ?? '',
                      organisation: r.orgName ?? r.orgId ?? '',
                    })
                  : t('receipts.delivered')}
              </td>
              <td>
                <DateTime value={r.at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ShowMore
        next={receipts.data?.next ?? null}
        loading={receipts.loading}
        onMore={receipts.more}
        list={t('receipts.title')}
        testId="case-receipts"
      />
    </section>
  )
}
