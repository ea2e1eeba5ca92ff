import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../i18n/formatDateTime.ts'

/** A point in time in Brussels time, machine-readable in `datetime`. */
export function DateTime({ value }: { readonly value: string }) {
  const { i18n } = useTranslation()
  return <time dateTime={value}>{formatDateTime(value, i18n.language)}</time>
}
