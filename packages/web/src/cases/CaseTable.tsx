import { useTranslation } from 'react-i18next'
import type { CaseRecord } from '../api/casesApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { caseHref } from '../router/useHashRoute.ts'
import { scalingLevelLabel } from './caseHelpers.ts'
import { StateTag, StatusBadge } from './StatusBadge.tsx'

/** Cases in a table: title (a link to the case room), status, kind, severity, state, scaling, start. */
export function CaseTable({
  cases,
  caption,
  testId,
}: {
  readonly cases: readonly CaseRecord[]
  readonly caption: string
  readonly testId: string
}) {
  const { t } = useTranslation()
  return (
    <table className="table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('cases.caseTitle')}</th>
          <th scope="col">{t('cases.status')}</th>
          <th scope="col">{t('cases.kind')}</th>
          <th scope="col">{t('cases.severity')}</th>
          <th scope="col">{t('cases.state')}</th>
          <th scope="col">{t('cases.scaling')}</th>
          <th scope="col">{t('cases.startsAt')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id} className={c.status === 'actual' ? undefined : `row-${c.status}`}>
            <td>
              <a href={caseHref(c.id)}>{c.title}</a>
              <br />
              <code>{c.type}</code>
            </td>
            <td>
              <StatusBadge status={c.status} />
            </td>
            <td>{t(`caseKinds.${c.kind}`)}</td>
            <td>{t(`severities.${c.severity}`)}</td>
            <td>
              <StateTag state={c.state} />
            </td>
            <td>{c.scaling ? `${c.scaling.doctrine} · ${scalingLevelLabel(t, c.scaling)}` : '—'}</td>
            <td>
              <DateTime value={c.startsAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
