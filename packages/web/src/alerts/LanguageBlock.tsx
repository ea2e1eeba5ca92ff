import type { AlertChannel } from '@liaison/core'
import { cellBroadcastMaxPages } from '@liaison/core'
import { useTranslation } from 'react-i18next'
import { TextAreaField } from '../components/TextAreaField.tsx'
import { TextField } from '../components/TextField.tsx'
import { ChannelPreviews } from './ChannelPreviews.tsx'
import type { LanguageTexts } from './alertForm.ts'
import { shortTextCounts } from './alertForm.ts'

/** The counters under a short text, as they change: SMS parts with the unsubscribe line, cell-broadcast pages. */
function Counters({ texts }: { readonly texts: LanguageTexts }) {
  const { t } = useTranslation()
  const { sms, cellBroadcast } = shortTextCounts(texts)
  return (
    <p className="counters" data-testid="text-counters" aria-live="polite">
      <span data-testid="sms-count">
        {t('alerts.smsCount', {
          parts: sms.parts,
          units: sms.units,
          encoding: t(`alerts.encoding.${sms.encoding}`),
        })}
      </span>
      {' · '}
      <span data-testid="cb-count" className={cellBroadcast.fits ? undefined : 'field-error'}>
        {t('alerts.cellBroadcastCount', {
          pages: cellBroadcast.pages,
          perPage: cellBroadcast.perPage,
          max: cellBroadcastMaxPages,
        })}
      </span>
    </p>
  )
}

/** One language's texts: headline, the short text (SMS, cell broadcast) with its counters, the full text. */
export function LanguageBlock({
  texts,
  event,
  channels,
  onChange,
  onRemove,
}: {
  readonly texts: LanguageTexts
  /** The alert's event and channels, for the previews. */
  readonly event: string
  readonly channels: readonly AlertChannel[]
  readonly onChange: (texts: LanguageTexts) => void
  readonly onRemove: (() => void) | null
}) {
  const { t } = useTranslation()
  const language = t(`alertLanguages.${texts.language}`)
  return (
    <fieldset
      className="card language-block"
      lang={texts.language}
      data-testid={`language-${texts.language}`}
    >
      <legend>{t('alerts.textsIn', { language })}</legend>
      <TextField
        label={t('alerts.headline')}
        value={texts.headline}
        maxLength={160}
        onChange={(headline) => onChange({ ...texts, headline })}
      />
      <TextAreaField
        label={t('alerts.shortText')}
        hint={t('alerts.shortTextHint')}
        value={texts.shortText}
        rows={3}
        onChange={(shortText) => onChange({ ...texts, shortText })}
        testId={`short-text-${texts.language}`}
      />
      <Counters texts={texts} />
      <TextAreaField
        label={t('alerts.description')}
        value={texts.description}
        rows={4}
        onChange={(description) => onChange({ ...texts, description })}
      />
      <TextAreaField
        label={t('alerts.instruction')}
        value={texts.instruction}
        rows={3}
        onChange={(instruction) => onChange({ ...texts, instruction })}
      />
      <ChannelPreviews texts={texts} event={event} channels={channels} />
      {onRemove && (
        <button type="button" className="button button-small" onClick={onRemove}>
          {t('alerts.removeLanguage', { language })}
        </button>
      )}
    </fieldset>
  )
}
