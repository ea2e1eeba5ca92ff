import type { AlertChannel } from '@liaison/core'
import { channelPreviews } from '@liaison/core'
import { useTranslation } from 'react-i18next'
import type { LanguageTexts } from './alertForm.ts'

/**
 * What each chosen channel will show of one language's texts: the SMS parts as cut (with the
 * unsubscribe line), the cell-broadcast pages, the e-mail's subject and body, the push notification.
 */
export function ChannelPreviews({
  texts,
  event,
  channels,
}: {
  readonly texts: LanguageTexts
  readonly event: string
  readonly channels: readonly AlertChannel[]
}) {
  const { t } = useTranslation()
  const p = channelPreviews({ ...texts, event })
  const shown = channels.filter((c) => c !== 'feed')
  return (
    <details className="channel-previews" data-testid={`previews-${texts.language}`}>
      <summary>{t('alerts.previews.heading')}</summary>
      {shown.length === 0 && <p>{t('alerts.previews.noChannels')}</p>}
      {shown.includes('sms') && (
        <section aria-label={t('alertChannels.sms')} data-testid="preview-sms">
          <h4>{t('alertChannels.sms')}</h4>
          {p.sms.length === 0 && <p>{t('alerts.previews.noShortText')}</p>}
          {p.sms.map((part, i) => (
            <figure key={i} className="preview-screen">
              <figcaption>{t('alerts.previews.part', { number: i + 1, count: p.sms.length })}</figcaption>
              <pre>{part}</pre>
            </figure>
          ))}
        </section>
      )}
      {shown.includes('cell-broadcast') && (
        <section aria-label={t('alertChannels.cell-broadcast')} data-testid="preview-cell-broadcast">
          <h4>{t('alertChannels.cell-broadcast')}</h4>
          {p.cellBroadcast.length === 0 && <p>{t('alerts.previews.noShortText')}</p>}
          {p.cellBroadcast.map((page, i) => (
            <figure key={i} className="preview-screen">
              <figcaption>
                {t('alerts.previews.page', { number: i + 1, count: p.cellBroadcast.length })}
              </figcaption>
              <pre>{page}</pre>
            </figure>
          ))}
        </section>
      )}
      {shown.includes('email') && (
        <section aria-label={t('alertChannels.email')} data-testid="preview-email">
          <h4>{t('alertChannels.email')}</h4>
          <dl>
            <dt>{t('alerts.previews.subject')}</dt>
            <dd>{p.email.subject}</dd>
            <dt>{t('alerts.previews.body')}</dt>
            <dd>
              <pre>{p.email.body}</pre>
            </dd>
          </dl>
        </section>
      )}
      {shown.includes('push') && (
        <section aria-label={t('alertChannels.push')} data-testid="preview-push">
          <h4>{t('alertChannels.push')}</h4>
          <figure className="preview-screen">
            <figcaption>{p.push.title}</figcaption>
            <p>{p.push.body}</p>
          </figure>
        </section>
      )}
    </details>
  )
}
