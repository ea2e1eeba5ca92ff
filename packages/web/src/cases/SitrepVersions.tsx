import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SitrepRecord, SitrepVersionRecord } from '../api/casesApi.ts'
import { listSitrepVersions } from '../api/casesApi.ts'
import type { RosterPerson } from '../api/dutyApi.ts'
import { fetchRoster } from '../api/dutyApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { SitrepFacts } from './SitrepFacts.tsx'
import { earlierVersions, versionAuthorNames } from './sitrepVersions.ts'

interface Loaded {
  readonly versions: readonly SitrepVersionRecord[]
  /** The people of the user's organisation, to name who saved a version. */
  readonly people: readonly RosterPerson[]
}

/**
 * "Earlier versions (n)" of a report: a disclosure that loads them when opened (and again when
 * the report gets a new version while it is open). Each says when and by whom it was saved, what
 * the next version changed, and opens to its full content.
 */
export function SitrepVersions({ sitrep }: { readonly sitrep: SitrepRecord }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [state, setState] = useState<{ loaded: Loaded | null; error: unknown }>({
    loaded: null,
    error: null,
  })

  useEffect(() => {
    if (!open) return
    let current = true
    Promise.all([
      listSitrepVersions(sitrep.id),
      // names are a courtesy: without them the page says "someone of the owning organisation"
      fetchRoster().then(
        (roster) => roster.people ?? [],
        () => [],
      ),
    ]).then(
      ([versions, people]) =>
        current && setState({ loaded: { versions: versions.items, people }, error: null }),
      (error: unknown) => current && setState((s) => ({ ...s, error })),
    )
    return () => {
      current = false
    }
  }, [open, sitrep.id, sitrep.version])

  if (sitrep.version < 2) return null
  const loaded = state.loaded
  const earlier = loaded ? earlierVersions(sitrep, loaded.versions) : []
  const names = versionAuthorNames(loaded?.people ?? [], loaded?.versions ?? [])
  const nameOf = (userId: string | null): string => (userId && names.get(userId)) || t('sitreps.someone')

  return (
    <details className="sitrep-versions" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {t('sitreps.earlier', { number: loaded ? earlier.length : sitrep.version - 1 })}
        <span className="visually-hidden"> — {t('sitreps.number', { number: sitrep.number })}</span>
      </summary>
      {state.error !== null && <ErrorAlert error={state.error} />}
      {open && !loaded && state.error === null && <p role="status">{t('app.loading')}</p>}
      {loaded && earlier.length === 0 && <p className="muted">{t('sitreps.noEarlier')}</p>}
      {earlier.length > 0 && (
        <ul className="plain-list sitrep-version-list" data-testid="sitrep-versions">
          {earlier.map((v) => (
            <li key={v.version} data-testid="sitrep-version">
              <strong>{t('sitreps.versionTitle', { version: v.version })}</strong>
              <span className="muted">
                {v.savedAt && (
                  <>
                    {' · '}
                    {t('sitreps.savedAt')} <DateTime value={v.savedAt} />
                  </>
                )}{' '}
                {t('sitreps.by', { name: nameOf(v.savedBy) })}
                {' · '}
                {t('sitreps.replacedAt')} <DateTime value={v.replacedAt} />{' '}
                {t('sitreps.by', { name: nameOf(v.replacedBy) })}
              </span>
              {v.changedNext && (
                <p className="sitrep-version-change">
                  {v.changedNext.length > 0
                    ? t('sitreps.changedIn', {
                        version: v.version + 1,
                        fields: v.changedNext.map((f) => t(`sitreps.${f}`)).join(', '),
                      })
                    : t('sitreps.unchangedIn', { version: v.version + 1 })}
                </p>
              )}
              <details>
                <summary>
                  {t('sitreps.readVersion', { version: v.version })}
                  <span className="visually-hidden"> — {t('sitreps.number', { number: sitrep.number })}</span>
                </summary>
                <SitrepFacts content={v.content} />
              </details>
            </li>
          ))}
        </ul>
      )}
    </details>
  )
}
