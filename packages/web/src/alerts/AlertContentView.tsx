import type { AlertChannel } from '@liaison/core'
import { shortTextOf } from '@liaison/core'
import { useTranslation } from 'react-i18next'
import type { CapMessage } from '../api/alertsApi.ts'

/** What an alert says: its event and levels, channels, the texts per language and its area. */
export function AlertContentView({
  cap,
  channels,
}: {
  readonly cap: CapMessage
  readonly channels: readonly AlertChannel[]
}) {
  const { t } = useTranslation()
  const first = cap.info[0]
  const area = first?.area ?? []
  return (
    <div className="alert-content" data-testid="alert-content">
      <dl className="facts">
        <dt>{t('alerts.msgType')}</dt>
        <dd>{t(`capMsgTypes.${cap.msgType}`)}</dd>
        {first && (
          <>
            <dt>{t('alerts.event')}</dt>
            <dd>{first.event}</dd>
            <dt>{t('alerts.category')}</dt>
            <dd>{first.category.map((c) => t(`capCategories.${c}`)).join(', ')}</dd>
            <dt>{t('alerts.levels')}</dt>
            <dd>
              {t(`capUrgencies.${first.urgency}`)} · {t(`capSeverities.${first.severity}`)} ·{' '}
              {t(`capCertainties.${first.certainty}`)}
            </dd>
          </>
        )}
        <dt>{t('alerts.channels')}</dt>
        <dd data-testid="alert-channels">
          {channels.length === 0
            ? t('alerts.noChannels')
            : channels.map((c) => t(`alertChannels.${c}`)).join(', ')}
        </dd>
        {cap.references && (
          <>
            <dt>{t('alerts.references')}</dt>
            <dd className="mono">{cap.references}</dd>
          </>
        )}
      </dl>
      {cap.info.map((info, i) => (
        <section
          key={i}
          className="card"
          lang={info.language}
          aria-labelledby={`alert-info-${i}`}
          data-testid="alert-texts"
        >
          <h3 id={`alert-info-${i}`}>
            {t(`alertLanguages.${(info.language ?? 'en').slice(0, 2)}`, {
              defaultValue: info.language ?? '',
            })}
          </h3>
          <dl className="facts">
            <dt>{t('alerts.headline')}</dt>
            <dd>{info.headline ?? ''}</dd>
            <dt>{t('alerts.shortText')}</dt>
            <dd>{shortTextOf(info)}</dd>
            <dt>{t('alerts.description')}</dt>
            <dd className="prewrap">{info.description ?? ''}</dd>
            <dt>{t('alerts.instruction')}</dt>
            <dd className="prewrap">{info.instruction ?? ''}</dd>
          </dl>
        </section>
      ))}
      <h3>{t('alerts.area')}</h3>
      {area.length === 0 && <p className="muted">{t('alerts.noArea')}</p>}
      {area.map((a, i) => (
        <dl key={i} className="facts" data-testid="alert-area">
          <dt>{t('alerts.areaDesc')}</dt>
          <dd>{a.areaDesc}</dd>
          {a.polygon.map((p, j) => (
            <div key={`p${j}`} className="facts-pair">
              <dt>{t('alerts.polygon')}</dt>
              <dd className="mono">{p}</dd>
            </div>
          ))}
          {a.circle.map((c, j) => (
            <div key={`c${j}`} className="facts-pair">
              <dt>{t('alerts.circle')}</dt>
              <dd className="mono">{c}</dd>
            </div>
          ))}
          {a.geocode.length > 0 && (
            <>
              <dt>{t('alerts.codes')}</dt>
              <dd>{a.geocode.map((g) => g.value).join(', ')}</dd>
            </>
          )}
        </dl>
      ))}
    </div>
  )
}
