import { Suspense, lazy, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AlertProposal } from '../api/alertProposalsApi.ts'
import { answerAlertProposal, fetchAlertProposal } from '../api/alertProposalsApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { TextAreaField } from '../components/TextAreaField.tsx'
import { useLoad } from '../hooks/useLoad.ts'
import { useSubmit } from '../hooks/useSubmit.ts'
import { alertHref } from '../router/useHashRoute.ts'
import { proposalFeatures } from './proposalFeatures.ts'

const BeneluxMap = lazy(async () => ({ default: (await import('../map/BeneluxMap.tsx')).BeneluxMap }))

/** Where a proposal stands, in words: proposed, adopted (as which draft), declined (why) or noted. */
export function ProposalState({ proposal }: { readonly proposal: AlertProposal }) {
  const { t } = useTranslation()
  return (
    <span data-testid="proposal-state">
      {t(`alertProposals.states.${proposal.state}`)}
      {proposal.answeredBy && (
        <>
          {' '}
          {t('alertProposals.by', { name: proposal.answeredBy })}
          {proposal.answeredAt && (
            <>
              {' '}
              <DateTime value={proposal.answeredAt} />
            </>
          )}
        </>
      )}
      {proposal.reason && <>: {proposal.reason}</>}
    </span>
  )
}

/**
 * One alert proposal a neighbouring centre sent (decision 042): who sent it and why (its area
 * crosses the border, or comes this near), the part of the area on this side on the map, its
 * texts in each language, and the three answers: adopt it as a draft of this centre's own
 * (which still needs its own four eyes), decline it with a reason, or note it.
 */
export function AlertProposalPage({
  me,
  origin,
  proposalId,
}: {
  readonly me: Me
  readonly origin: string
  readonly proposalId: string
}) {
  const { t } = useTranslation()
  const loaded = useLoad(() => fetchAlertProposal(origin, proposalId))
  const submit = useSubmit()
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const proposal = loaded.data
  const features = useMemo(() => (proposal ? proposalFeatures(proposal) : null), [proposal])
  if (!proposal) {
    return (
      <>
        <h1>{t('nav.alertProposal')}</h1>
        {loaded.error !== null && <ErrorAlert error={loaded.error} />}
        {loaded.loading && <p role="status">{t('app.loading')}</p>}
      </>
    )
  }
  const mayAdopt = me.permissions.includes('alerts.draft')
  const mayAnswer = mayAdopt || me.permissions.includes('cases.manage')
  const answer = (kind: 'adopt' | 'decline' | 'note') => {
    if (kind === 'decline' && reason.trim() === '') {
      setProblem(t('reasons.alert_proposal_reason_missing'))
      return
    }
    setProblem(null)
    void submit.run(async () => {
      const done = await answerAlertProposal(origin, proposalId, {
        answer: kind,
        ...(reason.trim() && kind !== 'adopt' ? { reason: reason.trim() } : {}),
        ...(kind === 'adopt' ? { sender: window.location.hostname || 'liaison' } : {}),
      })
      loaded.set(done.proposal)
      if (done.adoptedAlertId) window.location.hash = alertHref(done.adoptedAlertId)
    })
  }
  return (
    <>
      <h1>{proposal.info[0]?.headline ?? proposal.info[0]?.event ?? proposal.identifier}</h1>
      <dl className="details">
        <dt>{t('incoming.origin')}</dt>
        <dd>
          {proposal.originName ?? proposal.origin}{' '}
          <span className="tag">{proposal.origin.toUpperCase()}</span> · {proposal.sender} ·{' '}
          {proposal.identifier}
        </dd>
        <dt>{t('alertProposals.where')}</dt>
        <dd>
          {proposal.relation === 'crosses'
            ? t('alertProposals.crosses')
            : t('alertProposals.near', { km: proposal.km.toLocaleString() })}{' '}
          ({proposal.areaDesc})
        </dd>
        <dt>{t('alertProposals.originalState')}</dt>
        <dd>{t(`alertProposals.alertStates.${proposal.alertState}`)}</dd>
        <dt>{t('alertProposals.state')}</dt>
        <dd>
          <ProposalState proposal={proposal} />
          {proposal.adoptedAlertId && (
            <>
              {' '}
              <a href={alertHref(proposal.adoptedAlertId)}>{t('alertProposals.openDraft')}</a>
            </>
          )}
        </dd>
      </dl>
      <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
        <BeneluxMap features={features} fit compact />
      </Suspense>
      <h2>{t('alertProposals.texts')}</h2>
      {proposal.info.map((i) => (
        <section key={i.language} lang={i.language} className="card" data-testid="proposal-info">
          <h3>
            {i.language} · {i.event}
          </h3>
          <p className="muted">
            {t(`capSeverities.${i.severity}`)} · {t(`capUrgencies.${i.urgency}`)} ·{' '}
            {t(`capCertainties.${i.certainty}`)}
          </p>
          {i.headline && <p>{i.headline}</p>}
          {i.description && <p>{i.description}</p>}
          {i.instruction && <p>{i.instruction}</p>}
        </section>
      ))}
      {proposal.direction === 'received' && proposal.state === 'proposed' && mayAnswer && (
        <section className="card" aria-labelledby="proposal-answer" data-testid="proposal-answer">
          <h2 id="proposal-answer">{t('alertProposals.answer')}</h2>
          {submit.error !== null && <ErrorAlert error={submit.error} />}
          <TextAreaField
            label={t('alertProposals.reason')}
            hint={t('alertProposals.reasonHint')}
            value={reason}
            onChange={setReason}
            error={problem}
            rows={2}
          />
          <p className="button-row">
            {mayAdopt && (
              <button
                type="button"
                className="button button-primary"
                aria-disabled={submit.busy || undefined}
                onClick={() => answer('adopt')}
              >
                {t('alertProposals.adopt')}
              </button>
            )}
            <button
              type="button"
              className="button"
              aria-disabled={submit.busy || undefined}
              onClick={() => answer('decline')}
            >
              {t('alertProposals.decline')}
            </button>
            <button
              type="button"
              className="button"
              aria-disabled={submit.busy || undefined}
              onClick={() => answer('note')}
            >
              {t('alertProposals.note')}
            </button>
          </p>
        </section>
      )}
    </>
  )
}
