import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanRecord } from '../api/dutyApi.ts'
import { listPlans } from '../api/dutyApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { useDebounced } from '../hooks/useDebounced.ts'
import { useLoad } from '../hooks/useLoad.ts'
import { useOrganisations } from '../hooks/useOrganisations.ts'
import { useLiveEvents } from '../live/liveStream.ts'
import { PlanDocumentLink } from './PlanDocumentLink.tsx'
import { PlanDocumentUpload } from './PlanDocumentUpload.tsx'
import { PlanDocumentVersions, UploadedBy } from './PlanDocumentVersions.tsx'
import { PlanForm } from './PlanForm.tsx'

/** What the page shows above the list: nothing, the form for a new plan, or one plan's edit or upload. */
type Panel =
  | { readonly kind: 'none' }
  | { readonly kind: 'add' }
  | { readonly kind: 'edit'; readonly planId: string }
  | { readonly kind: 'upload'; readonly planId: string; readonly title: string }

/** A plan's document: the current version to download, the text reference, the earlier versions. */
function PlanDocumentCell({ plan }: { readonly plan: PlanRecord }) {
  const { t } = useTranslation()
  const current = plan.currentDocument ?? null
  const reference = plan.document
  return (
    <td className="wrap-anywhere" data-testid="plan-document">
      {current ? (
        <>
          <PlanDocumentLink document={current} />
          <br />
          <span className="muted">
            <UploadedBy document={current} />
          </span>
        </>
      ) : (
        <span className="muted">{t('plans.noDocument')}</span>
      )}
      {reference && (
        <p className="plan-reference">
          {t('plans.referenceShort')}{' '}
          {/^https?:\/\//.test(reference) ? (
            <a href={reference} target="_blank" rel="noreferrer">
              {reference}
            </a>
          ) : (
            reference
          )}
        </p>
      )}
      {current && (
        <PlanDocumentVersions planId={plan.id} planTitle={plan.title} currentDocumentId={current.id} />
      )}
    </td>
  )
}

/**
 * The plan library: emergency plans with their scope, area, owner, version, validity and
 * document. The organisation that keeps a plan (its users who manage cases) changes it and
 * uploads new versions of its document; every version stays available.
 */
export function PlansPage({ me }: { readonly me: Me }) {
  const { t } = useTranslation()
  const listId = useId()
  const plans = useLoad(listPlans)
  const reload = useDebounced(plans.reload)
  const { nameOf } = useOrganisations()
  const [panel, setPanel] = useState<Panel>({ kind: 'none' })
  const [status, setStatus] = useState<string | null>(null)
  const items = plans.data?.items ?? []
  const mayManage = me.permissions.includes('cases.manage')
  const keeps = (plan: PlanRecord): boolean => mayManage && plan.ownerOrgId === me.organisation.id
  const editing = panel.kind === 'edit' ? items.find((p) => p.id === panel.planId) : undefined
  const uploading =
    panel.kind === 'upload'
      ? (items.find((p) => p.id === panel.planId) ?? { id: panel.planId, title: panel.title })
      : undefined

  useLiveEvents((event) => {
    if (event.kind === 'plan.saved') reload()
  })

  return (
    <>
      <h1>{t('plans.title')}</h1>
      <p className="lead">{t('plans.intro')}</p>
      <LiveStatus message={status} />
      {mayManage && panel.kind === 'none' && (
        <button type="button" className="button button-primary" onClick={() => setPanel({ kind: 'add' })}>
          {t('plans.addButton')}
        </button>
      )}
      {panel.kind === 'add' && (
        <PlanForm
          onCancel={() => setPanel({ kind: 'none' })}
          onSaved={({ id, title }) => {
            // a new plan's document comes next
            setPanel({ kind: 'upload', planId: id, title })
            setStatus(t('plans.added', { title }))
            plans.reload()
          }}
        />
      )}
      {editing && (
        <PlanForm
          key={editing.id}
          editing={editing}
          onCancel={() => setPanel({ kind: 'none' })}
          onSaved={({ title }) => {
            setPanel({ kind: 'none' })
            setStatus(t('plans.saved', { title }))
            plans.reload()
          }}
        />
      )}
      {uploading && (
        <PlanDocumentUpload
          key={uploading.id}
          plan={uploading}
          onCancel={() => setPanel({ kind: 'none' })}
          onUploaded={(document) => {
            setPanel({ kind: 'none' })
            setStatus(t('plans.uploaded', { name: document.fileName, title: uploading.title }))
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
                  {mayManage && <th scope="col">{t('plans.actions')}</th>}
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
                    <PlanDocumentCell plan={p} />
                    {mayManage && (
                      <td>
                        {keeps(p) && (
                          <div className="button-row">
                            <button
                              type="button"
                              className="button button-small"
                              onClick={() => setPanel({ kind: 'edit', planId: p.id })}
                            >
                              {t('plans.edit')}
                              <span className="visually-hidden">: {p.title}</span>
                            </button>
                            <button
                              type="button"
                              className="button button-small"
                              onClick={() => setPanel({ kind: 'upload', planId: p.id, title: p.title })}
                            >
                              {t('plans.upload')}
                              <span className="visually-hidden">: {p.title}</span>
                            </button>
                          </div>
                        )}
                      </td>
                    )}
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
