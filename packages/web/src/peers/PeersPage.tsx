import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PartnerStatus } from '../api/partnersApi.ts'
import { listPartnerStatus, takePeerKey } from '../api/partnersApi.ts'
import { DateTime } from '../components/DateTime.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { partnerState } from '../dutyDesk/partnerState.ts'

/** A fingerprint in groups of four, as people read it out to each other. */
const grouped = (hex: string) => hex.match(/.{1,4}/g)?.join(' ') ?? hex

/**
 * The peers of this node, for its administrators (issue 9; decision 045): each peer's link
 * (reachable, last contact, what waits in each direction), the key this node holds for it and
 * its fingerprint, a new key it announced and not yet taken, with the action to take it once
 * the fingerprint is checked with the peer's operator, and the organisations it published. The
 * same partner status the duty desk's panel reads, read again every 15 seconds.
 */
export function PeersPage() {
  const { t } = useTranslation()
  const [peers, setPeers] = useState<readonly PartnerStatus[] | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const [done, setDone] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const load = useCallback(async () => {
    try {
      setPeers((await listPartnerStatus()).items)
      setFailure(null)
    } catch (error) {
      setFailure(error)
    }
  }, [])
  useEffect(() => {
    void load()
    const timer = setInterval(() => void load(), 15_000)
    return () => clearInterval(timer)
  }, [load])

  const take = async (nodeId: string, keyId: string) => {
    setBusy(nodeId)
    setDone(null)
    try {
      await takePeerKey(nodeId, keyId)
      setDone(t('peers.taken', { peer: nodeId.toUpperCase(), keyId }))
      await load()
    } catch (error) {
      setFailure(error)
    } finally {
      setBusy(null)
    }
  }

  return (
    <>
      <h1>{t('peers.title')}</h1>
      <p className="lead">{t('peers.intro')}</p>
      {failure !== null && <ErrorAlert error={failure} />}
      {done !== null && (
        <p role="status" className="notice" data-testid="peers-done">
          {done}
        </p>
      )}
      {peers === null && failure === null && <p role="status">{t('app.loading')}</p>}
      {peers !== null && peers.length === 0 && <p className="muted">{t('partners.none')}</p>}
      {peers?.map((p) => {
        const state = partnerState(p)
        return (
          <section key={p.nodeId} className="card" data-peer={p.nodeId} aria-labelledby={`peer-${p.nodeId}`}>
            <h2 id={`peer-${p.nodeId}`}>
              {p.nodeId.toUpperCase()}{' '}
              <span className={`partner-state partner-${state}`} data-state={state}>
                {t(`partners.states.${state}`)}
              </span>
            </h2>
            <dl className="facts">
              <dt>{t('peers.url')}</dt>
              <dd>
                <code>{p.baseUrl}</code>
              </dd>
              <dt>{t('partners.lastContact')}</dt>
              <dd>{p.lastContactAt === null ? t('partners.never') : <DateTime value={p.lastContactAt} />}</dd>
              <dt>{t('partners.waiting')}</dt>
              <dd data-testid="peer-waiting">
                {p.outbound.waiting}
                {p.outbound.oldestUnacknowledgedAt !== null && (
                  <>
                    {' '}
                    <span className="muted">
                      {t('partners.oldest')} <DateTime value={p.outbound.oldestUnacknowledgedAt} />
                    </span>
                  </>
                )}
              </dd>
              <dt>{t('partners.received')}</dt>
              <dd>{p.inbound.received}</dd>
              {p.lastError !== null && (
                <>
                  <dt>{t('partners.lastError')}</dt>
                  <dd>{p.lastError.message}</dd>
                </>
              )}
              <dt>{t('peers.key')}</dt>
              <dd data-testid="peer-key">
                {p.key === null ? (
                  t('peers.noKey')
                ) : (
                  <>
                    <code>{p.key.keyId}</code>{' '}
                    <span className="muted">
                      {t('peers.fingerprint')} <code>{grouped(p.key.fingerprint)}</code>
                    </span>
                  </>
                )}
              </dd>
            </dl>
            {p.pendingKey !== null && (
              <div className="notice" data-testid="peer-pending-key">
                <p>
                  {t('peers.pendingKey', { keyId: p.pendingKey.keyId, previous: p.pendingKey.previousKeyId })}{' '}
                  <DateTime value={p.pendingKey.rotatedAt} />
                </p>
                <p>
                  {t('peers.fingerprint')} <code>{grouped(p.pendingKey.fingerprint)}</code>
                </p>
                <p className="muted">{t('peers.checkFingerprint')}</p>
                <button
                  type="button"
                  className="button"
                  disabled={busy === p.nodeId}
                  onClick={() => void take(p.nodeId, p.pendingKey?.keyId ?? '')}
                >
                  {t('peers.take', { keyId: p.pendingKey.keyId })}
                </button>
              </div>
            )}
            <h3>{t('peers.organisations')}</h3>
            {p.organisations.length === 0 ? (
              <p className="muted">{t('peers.noOrganisations')}</p>
            ) : (
              <ul data-testid="peer-organisations">
                {p.organisations.map((o) => (
                  <li key={o.id}>
                    {o.name}{' '}
                    <span className="muted">
                      ({o.code}, {o.country})
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )
      })}
    </>
  )
}
