import { useTranslation } from 'react-i18next'

/**
 * The first stop of the keyboard: jumps to `<main id="main">`. It moves focus itself, because a
 * `#main` in the address would be taken for a route by the hash router.
 */
export function SkipLink() {
  const { t } = useTranslation()
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(event) => {
        event.preventDefault()
        const main = document.getElementById('main')
        main?.focus()
        main?.scrollIntoView()
      }}
    >
      {t('app.skipLink')}
    </a>
  )
}
