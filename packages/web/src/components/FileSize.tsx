import { useTranslation } from 'react-i18next'
import { sizeLabel } from './sizeLabel.ts'

/** A file's size in the interface's language: "12 KB", "12 Ko", "12 kB". */
export function FileSize({ size }: { readonly size: number }) {
  const { t } = useTranslation()
  const label = sizeLabel(size)
  return <>{t(`files.${label.key}`, { size: label.size })}</>
}
