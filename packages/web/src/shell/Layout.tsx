import { Suspense, lazy, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { NodeInfo } from '../api/nodeApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { ChangePasswordPage } from '../account/ChangePasswordPage.tsx'
import { AuditPage } from '../audit/AuditPage.tsx'
import { PeersPage } from '../peers/PeersPage.tsx'
import { SkipLink } from '../components/SkipLink.tsx'
import { CaseRoomPage } from '../cases/CaseRoomPage.tsx'
import { CasesPage } from '../cases/CasesPage.tsx'
import { DutyDeskPage } from '../dutyDesk/DutyDeskPage.tsx'
import { HomePage } from '../home/HomePage.tsx'
import { HandoverPage } from '../handover/HandoverPage.tsx'
import { ContactsPage } from '../contacts/ContactsPage.tsx'
import { PlansPage } from '../plans/PlansPage.tsx'
import { CalendarPage } from '../calendar/CalendarPage.tsx'
import { AlertPage } from '../alerts/AlertPage.tsx'
import { AlertProposalPage } from '../alerts/AlertProposalPage.tsx'
import { AlertQueuePage } from '../alerts/AlertQueuePage.tsx'
import { AlertsPage } from '../alerts/AlertsPage.tsx'
import type { Route } from '../router/useHashRoute.ts'
import {
  alertIdFromHash,
  caseIdFromHash,
  hrefOf,
  receivedCaseFromHash,
  alertProposalFromHash,
  useHash,
  useHashRoute,
} from '../router/useHashRoute.ts'
import { ReceivedCasePage } from '../cases/ReceivedCasePage.tsx'
import { TokensPage } from '../tokens/TokensPage.tsx'
import { UsersPage } from '../users/UsersPage.tsx'
import { PagingPolicyPage } from '../paging/PagingPolicyPage.tsx'
import { CentreHeader } from './CentreHeader.tsx'
import { mayVisit, navItems } from './navItems.ts'
import { UserMenu } from './UserMenu.tsx'

// MapLibre is large: it loads when the map is first opened, not with the sign-in page.
const OpenCasesMap = lazy(async () => ({ default: (await import('../map/OpenCasesMap.tsx')).OpenCasesMap }))
const AlertComposerPage = lazy(async () => ({
  default: (await import('../alerts/AlertComposerPage.tsx')).AlertComposerPage,
}))

export interface LayoutProps {
  readonly centreName: string
  readonly node: NodeInfo | null
  readonly me: Me
  readonly onSignOut: (everywhere: boolean) => Promise<void>
}

function Page({ route, me, node, hash }: { route: Route; me: Me; node: NodeInfo | null; hash: string }) {
  const { t } = useTranslation()
  switch (route) {
    case 'home':
      return <DutyDeskPage me={me} />
    case 'cases':
      return <CasesPage />
    case 'case': {
      const caseId = caseIdFromHash(hash)
      return caseId ? <CaseRoomPage key={caseId} me={me} caseId={caseId} /> : null
    }
    case 'partnerCase': {
      const shared = receivedCaseFromHash(hash)
      return shared ? (
        <ReceivedCasePage
          key={`${shared.origin}:${shared.id}`}
          me={me}
          origin={shared.origin}
          caseId={shared.id}
        />
      ) : null
    }
    case 'alertProposal': {
      const proposal = alertProposalFromHash(hash)
      return proposal ? (
        <AlertProposalPage
          key={`${proposal.origin}:${proposal.id}`}
          me={me}
          origin={proposal.origin}
          proposalId={proposal.id}
        />
      ) : null
    }
    case 'node':
      return <HomePage me={me} node={node} />
    case 'map':
      return (
        <>
          <h1 className="visually-hidden">{t('map.title')}</h1>
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <OpenCasesMap />
          </Suspense>
        </>
      )
    case 'handover':
      return <HandoverPage me={me} />
    case 'contacts':
      return <ContactsPage me={me} />
    case 'plans':
      return <PlansPage me={me} />
    case 'calendar':
      return <CalendarPage me={me} />
    case 'users':
      return <UsersPage me={me} />
    case 'tokens':
      return <TokensPage me={me} />
    case 'paging':
      return <PagingPolicyPage />
    case 'audit':
      return <AuditPage me={me} />
    case 'peers':
      return <PeersPage />
    case 'password':
      return <ChangePasswordPage me={me} />
    case 'alerts':
      return <AlertsPage permissions={me.permissions} />
    case 'alertQueue':
      return <AlertQueuePage />
    case 'alert': {
      const alertId = alertIdFromHash(hash)
      return alertId ? <AlertPage key={alertId} alertId={alertId} permissions={me.permissions} /> : null
    }
    case 'alertNew':
    case 'alertEdit': {
      const alertId = route === 'alertEdit' ? alertIdFromHash(hash) : null
      return (
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <AlertComposerPage key={alertId ?? 'new'} alertId={alertId} />
        </Suspense>
      )
    }
    default: {
      const unknownRoute: never = route
      return unknownRoute
    }
  }
}

/** The signed-in shell: banner with the centre and the user, navigation by permission, the page. */
export function Layout({ centreName, node, me, onSignOut }: LayoutProps) {
  const { t } = useTranslation()
  const route = useHashRoute()
  const hash = useHash()
  const mainRef = useRef<HTMLElement>(null)
  const allowed = route !== null && mayVisit(route, me.permissions)
  const pageName =
    route === null ? t('app.notFoundTitle') : allowed ? t(`nav.${route}`) : t('app.notAllowedTitle')

  useEffect(() => {
    document.title = t('app.pageTitle', { page: pageName, centre: centreName })
  }, [t, pageName, centreName])

  // After each change of page, put the keyboard and screen reader at the page's heading.
  useEffect(() => {
    const heading = mainRef.current?.querySelector('h1')
    if (heading) {
      heading.tabIndex = -1
      heading.focus()
    }
  }, [route, hash])

  return (
    <div className="page page-shell">
      <SkipLink />
      <CentreHeader centreName={centreName}>
        <UserMenu me={me} onSignOut={onSignOut} route={route} />
      </CentreHeader>
      <nav className="main-nav" aria-label={t('nav.label')}>
        <ul>
          {navItems
            .filter((item) => mayVisit(item.route, me.permissions))
            .map((item) => (
              <li key={item.route}>
                <a href={hrefOf(item.route)} aria-current={item.route === route ? 'page' : undefined}>
                  {t(`nav.${item.route}`)}
                </a>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1} ref={mainRef} className={route === 'map' ? 'main main-map' : 'main'}>
        {route === null ? (
          <>
            <h1>{t('app.notFoundTitle')}</h1>
            <p>{t('app.notFound')}</p>
            <p>
              <a href={hrefOf('home')}>{t('nav.home')}</a>
            </p>
          </>
        ) : allowed ? (
          <Page route={route} me={me} node={node} hash={hash} />
        ) : (
          <>
            <h1>{t('app.notAllowedTitle')}</h1>
            <p>{t('app.notAllowed')}</p>
          </>
        )}
      </main>
      {node && route !== 'map' && (
        <footer className="site-footer">{t('app.footer', { version: node.version })}</footer>
      )}
    </div>
  )
}
