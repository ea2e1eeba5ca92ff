import type { FormEvent } from 'react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { severities } from '@liaison/core'
import type { PagingPolicy } from '../api/pagingApi.ts'
import { getPagingPolicy, setPagingPolicy } from '../api/pagingApi.ts'
import { listUsers } from '../api/usersApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { TextField } from '../components/TextField.tsx'
import { useLoad } from '../hooks/useLoad.ts'
import { useSubmit } from '../hooks/useSubmit.ts'

const loadBoth = async () => {
  const [policy, users] = await Promise.all([getPagingPolicy(), listUsers()])
  return { policy, users: users.items }
}

/** Moves the item at `index` by `by` places in a copy of the list. */
function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const copy = [...list]
  const [item] = copy.splice(index, 1)
  if (item !== undefined) copy.splice(index + by, 0, item)
  return copy
}

/**
 * The administrator's on-call chain (decision 044): who is paged, in order, from which case
 * severity, how long each has to acknowledge, and how long a partner's item may wait. The node
 * checks that each person has a confirmed paging address.
 */
export function PagingPolicyPage() {
  const { t } = useTranslation()
  const loaded = useLoad(loadBoth)
  const [policy, setPolicy] = useState<PagingPolicy | null>(null)
  const [adding, setAdding] = useState('')
  const [status, setStatus] = useState<string | null>(null)
  const { busy, error, run } = useSubmit()

  useEffect(() => {
    if (loaded.data && policy === null) setPolicy(loaded.data.policy)
  }, [loaded.data, policy])

  const users = loaded.data?.users ?? []
  const nameOf = (id: string) => users.find((u) => u.id === id)?.displayName ?? id
  const change = (patch: Partial<PagingPolicy>) => setPolicy((p) => (p ? { ...p, ...patch } : p))

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!policy) return
    setStatus(null)
    await run(async () => {
      setPolicy(await setPagingPolicy(policy))
      setStatus(t('paging.saved'))
    })
  }

  const others = users.filter((u) => !policy?.chain.includes(u.id) && !u.disabled)
  const number = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text))

  return (
    <>
      <h1>{t('paging.title')}</h1>
      <p>{t('paging.intro')}</p>
      <LiveStatus message={status} testId="paging-status" />
      {loaded.error !== null && <ErrorAlert error={loaded.error} />}
      {loaded.loading && !loaded.data && <p role="status">{t('app.loading')}</p>}
      {policy && (
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="paging-form">
          <h2>{t('paging.chain')}</h2>
          {policy.chain.length === 0 ? (
            <p>{t('paging.empty')}</p>
          ) : (
            <ol data-testid="paging-chain">
              {policy.chain.map((id, i) => (
                <li key={id}>
                  {nameOf(id)}{' '}
                  <button
                    type="button"
                    disabled={i === 0}
                    onClick={() => change({ chain: moved(policy.chain, i, -1) })}
                    aria-label={t('paging.up', { name: nameOf(id) })}
                  >
                    ↑
                  </button>{' '}
                  <button
                    type="button"
                    disabled={i === policy.chain.length - 1}
                    onClick={() => change({ chain: moved(policy.chain, i, 1) })}
                    aria-label={t('paging.down', { name: nameOf(id) })}
                  >
                    ↓
                  </button>{' '}
                  <button
                    type="button"
                    onClick={() => change({ chain: policy.chain.filter((c) => c !== id) })}
                    aria-label={t('paging.remove', { name: nameOf(id) })}
                  >
                    {t('paging.removeShort')}
                  </button>
                </li>
              ))}
            </ol>
          )}
          {others.length > 0 && (
            <div className="row">
              <SelectField
                label={t('paging.add')}
                value={adding}
                options={[
                  { value: '', label: t('paging.choose') },
                  ...others.map((u) => ({ value: u.id, label: u.displayName })),
                ]}
                onChange={setAdding}
                testId="paging-add"
              />
              <button
                type="button"
                disabled={adding === ''}
                onClick={() => {
                  change({ chain: [...policy.chain, adding] })
                  setAdding('')
                }}
              >
                {t('paging.addButton')}
              </button>
            </div>
          )}
          <h2>{t('paging.when')}</h2>
          <SelectField
            label={t('paging.minSeverity')}
            value={policy.minSeverity ?? ''}
            options={[
              { value: '', label: t('paging.never') },
              ...severities.map((s) => ({ value: s, label: t(`severities.${s}`) })),
            ]}
            onChange={(value) => change({ minSeverity: severities.find((s) => s === value) ?? null })}
            testId="paging-severity"
          />
          <TextField
            label={t('paging.stepSeconds')}
            hint={t('paging.stepSecondsHint')}
            type="number"
            min={1}
            max={3600}
            value={Number.isNaN(policy.stepSeconds) ? '' : String(policy.stepSeconds)}
            onChange={(value) => change({ stepSeconds: number(value) })}
            testId="paging-step"
          />
          <TextField
            label={t('paging.incomingWaitSeconds')}
            hint={t('paging.incomingWaitSecondsHint')}
            type="number"
            min={1}
            max={86400}
            value={policy.incomingWaitSeconds === null ? '' : String(policy.incomingWaitSeconds)}
            onChange={(value) => change({ incomingWaitSeconds: value.trim() === '' ? null : number(value) })}
            testId="paging-incoming"
          />
          {error !== null && <ErrorAlert error={error} />}
          <button type="submit" className="primary" disabled={busy} data-testid="paging-save">
            {busy ? t('paging.saving') : t('paging.save')}
          </button>
        </form>
      )}
    </>
  )
}
