import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/ApiError.ts'
import type { NodeInfo } from '../api/nodeApi.ts'
import { listOrganisations } from '../api/nodeApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { useLoad } from '../hooks/useLoad.ts'

/** A short welcome, which node this is, and its organisations. */
export function HomePage({ me, node }: { readonly me: Me; readonly node: NodeInfo | null }) {
  const { t } = useTranslation()
  const organisations = useLoad(listOrganisations)
  const centre = node?.centre?.name ?? node?.name ?? me.node.name
  return (
    <>
      <h1>{t('home.title', { name: me.user.displayName })}</h1>
      <p className="lead">{t('home.intro', { centre })}</p>

      <section aria-labelledby="home-node">
        <h2 id="home-node">{t('home.nodeTitle')}</h2>
        <dl className="facts">
          <dt>{t('home.nodeId')}</dt>
          <dd>
            <code>{me.node.id}</code>
          </dd>
          <dt>{t('home.country')}</dt>
          <dd>{node ? t(`countries.${node.country}`) : me.node.country}</dd>
          {node && (
            <>
              <dt>{t('home.version')}</dt>
              <dd>{node.version}</dd>
            </>
          )}
          <dt>{t('home.yourOrganisation')}</dt>
          <dd>{me.organisation.name}</dd>
        </dl>
      </section>

      <section aria-labelledby="home-organisations">
        <h2 id="home-organisations">{t('home.organisationsTitle')}</h2>
        {organisations.loading && !organisations.data && <p role="status">{t('app.loading')}</p>}
        {/* a role that may not list organisations simply does not see the list */}
        {organisations.error !== null &&
          !(isApiError(organisations.error) && organisations.error.status === 403) && (
            <ErrorAlert error={organisations.error} />
          )}
        {organisations.data && (
          <table className="table" data-testid="organisations-table">
            <caption className="visually-hidden">{t('home.organisationsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('home.orgName')}</th>
                <th scope="col">{t('home.orgCode')}</th>
                <th scope="col">{t('home.orgKind')}</th>
                <th scope="col">{t('home.orgCountry')}</th>
              </tr>
            </thead>
            <tbody>
              {organisations.data.items.map((org) => (
                <tr key={org.id}>
                  <td>{org.name}</td>
                  <td>
                    <code>{org.code}</code>
                  </td>
                  <td>{t(`organisationKinds.${org.kind}`)}</td>
                  <td>{t(`countries.${org.country}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}
