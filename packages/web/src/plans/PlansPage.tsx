import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { addPlan, listPlans } from '../api/dutyApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { TextAreaField } from '../components/TextAreaField.tsx'
import { TextField } from '../components/TextField.tsx'
import { useLoad } from '../hooks/useLoad.ts'
import { useOrganisations } from '../hooks/useOrganisations.ts'

function AddPlanForm({
  onAdded,
  onCancel,
}: {
  readonly onAdded: (title: string) => void
  readonly onCancel: () => void
}) {
  const { t } = useTranslation()
  const [title, setTitle] = useState('')
  const [scope, setScope] = useState('')
  const [area, setArea] = useState('')
  const [version, setVersion] = useState('1')
  const [validUntil, setValidUntil] = useState('')
  const [document, setDocument] = useState('')
  const [problems, setProblems] = useState<{ title?: string; validUntil?: string }>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const found = {
      ...(title.trim().length < 3 ? { title: t('plans.problemTitle') } : {}),
      ...(validUntil === '' || /^\d{4}-\d{2}-\d{2}$/.test(validUntil)
        ? {}
        : { validUntil: t('plans.problemDate') }),
    }
    setProblems(found)
    setError(null)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    try {
      await addPlan({
        title: title.trim(),
        ...(scope.trim() ? { scope: scope.trim() } : {}),
        ...(area.trim() ? { area: area.trim() } : {}),
        ...(version.trim() ? { version: version.trim() } : {}),
        ...(validUntil ? { validUntil } : {}),
        ...(document.trim() ? { document: document.trim() } : {}),
      })
      onAdded(title.trim())
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card" noValidate onSubmit={(e) => void submit(e)} data-testid="plan-form">
      <h3>{t('plans.addTitle')}</h3>
      {error !== null && <ErrorAlert error={error} />}
      <TextField
        label={t('plans.planTitle')}
        value={title}
        onChange={setTitle}
        required
        maxLength={200}
        error={problems.title ?? null}
      />
      <TextAreaField label={t('plans.scope')} value={scope} onChange={setScope} rows={2} maxLength={500} />
      <TextField label={t('plans.area')} value={area} onChange={setArea} maxLength={200} />
      <TextField label={t('plans.version')} value={version} onChange={setVersion} maxLength={40} />
      <TextField
        label={t('plans.validUntil')}
        hint={t('plans.dateHint')}
        value={validUntil}
        onChange={setValidUntil}
        maxLength={10}
        error={problems.validUntil ?? null}
      />
      <TextField
        label={t('plans.document')}
        hint={t('plans.documentHint')}
        value={document}
        onChange={setDocument}
        maxLength={1000}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {t('plans.add')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  )
}

/** The plan library: emergency plans with their scope, area, owner, version and validity. */
export function PlansPage({ me }: { readonly me: Me }) {
  const { t } = useTranslation()
  const listId = useId()
  const plans = useLoad(listPlans)
  const { nameOf } = useOrganisations()
  const [adding, setAdding] = useState(false)
  const [status, setStatus] = useState<string | null>(null)
  const items = plans.data?.items ?? []

  return (
    <>
      <h1>{t('plans.title')}</h1>
      <p className="lead">{t('plans.intro')}</p>
      <LiveStatus message={status} />
      {me.permissions.includes('cases.manage') && !adding && (
        <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
          {t('plans.addButton')}
        </button>
      )}
      {adding && (
        <AddPlanForm
          onCancel={() => setAdding(false)}
          onAdded={(title) => {
            setAdding(false)
            setStatus(t('plans.added', { title }))
            plans.reload()
          }}
        />
      )}
      <section aria-labelledby={listId}>
        <h2 id={listId}>{t('plans.listTitle')}</h2>
        {plans.error !== null && <ErrorAlert error={plans.error} />}
        {plans.loading && !plans.data && <p role="status">{t('app.loading')}</p>}
        {plans.data && items.length === 0 && <p className="muted">{t('plans.empty')}</p>}
        {items.length > 0 && (
          <div className="table-scroll">
            <table className="table table-dense" data-testid="plans-table">
              <caption className="visually-hidden">{t('plans.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('plans.planTitle')}</th>
                  <th scope="col">{t('plans.scope')}</th>
                  <th scope="col">{t('plans.area')}</th>
                  <th scope="col">{t('plans.owner')}</th>
                  <th scope="col">{t('plans.version')}</th>
                  <th scope="col">{t('plans.validUntil')}</th>
                  <th scope="col">{t('plans.document')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.title}</th>
                    <td className="pre-wrap">{p.scope || '—'}</td>
                    <td>{p.area || '—'}</td>
                    <td>{nameOf(p.ownerOrgId)}</td>
                    <td>{p.version}</td>
                    <td>{p.validUntil ?? '—'}</td>
                    <td className="wrap-anywhere">
                      {/^https?:\/\//.test(p.document) ? (
                        <a href={p.document} target="_blank" rel="noreferrer">
                          {p.document}
                        </a>
                      ) : (
                        p.document || '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}
