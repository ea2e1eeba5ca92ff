import { useTranslation } from 'react-i18next'
import { DateTime } from '../components/DateTime.tsx'
import { casualtyKinds } from '@liaison/core'
import type { SitrepContent } from './sitrepVersions.ts'

/** What a situation report (or one of its earlier versions) says, field by field. */
export function SitrepFacts({ content }: { readonly content: SitrepContent }) {
  const { t } = useTranslation()
  return (
    <dl className="facts">
      <dt>{t('sitreps.conditions')}</dt>
      <dd className="pre-wrap">{content.conditions || '—'}</dd>
      <dt>{t('sitreps.actions')}</dt>
      <dd className="pre-wrap">{content.actions || '—'}</dd>
      <dt>{t('sitreps.needs')}</dt>
      <dd className="pre-wrap">{content.needs || '—'}</dd>
      <dt>{t('sitreps.resources')}</dt>
      <dd className="pre-wrap">{content.resources || '—'}</dd>
      <dt>{t('sitreps.casualties')}</dt>
      <dd>
        {casualtyKinds.map((k) => `${t(`sitreps.casualty.${k}`)}: ${content.casualties[k]}`).join(' · ')}
      </dd>
      <dt>{t('sitreps.nextUpdateAt')}</dt>
      <dd>{content.nextUpdateAt ? <DateTime value={content.nextUpdateAt} /> : '—'}</dd>
    </dl>
  )
}
