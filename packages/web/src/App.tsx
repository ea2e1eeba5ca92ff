import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from './api/ApiError.ts'
import { apiClient } from './api/apiClient.ts'
import type { NodeInfo } from './api/nodeApi.ts'
import { fetchNode } from './api/nodeApi.ts'
import type { Me, SignedIn } from './api/sessionApi.ts'
import { fetchMe, signOut, signOutEverywhere } from './api/sessionApi.ts'
import { resetLiveEvents, resumeLiveEvents, setLiveStreamEndedHandler } from './live/liveStream.ts'
import type { SignOutNotice } from './session/SignInPage.tsx'
import { sessionHint } from './session/sessionHint.ts'
import { SignInPage } from './session/SignInPage.tsx'
import { TotpEnrolmentPage } from './session/TotpEnrolmentPage.tsx'
import { Layout } from './shell/Layout.tsx'

type Session =
  | { readonly kind: 'loading' }
  | { readonly kind: 'signed-out'; readonly notice: SignOutNotice | null; readonly problem: unknown }
  | { readonly kind: 'enrolling'; readonly me: Me }
  | { readonly kind: 'signed-in'; readonly me: Me }

function sessionOf(me: Me): Session {
  apiClient.setCsrfToken(me.csrfToken)
  sessionHint.remember()
  return me.stage === 'enrol-totp' ? { kind: 'enrolling', me } : { kind: 'signed-in', me }
}

function signedOut(notice: SignOutNotice | null, problem: unknown = null): Session {
  return { kind: 'signed-out', notice, problem }
}

/** Which node this is and who is signed in, and so which screen to show. */
export function App() {
  const { t } = useTranslation()
  const [node, setNode] = useState<NodeInfo | null>(null)
  const [session, setSession] = useState<Session>({ kind: 'loading' })

  useEffect(() => {
    let current = true
    fetchNode().then(
      (found) => current && setNode(found),
      () => undefined, // the sign-in page still works; the centre's name then comes from Me
    )
    if (sessionHint.maybeSignedIn()) {
      fetchMe().then(
        (me) => current && setSession(sessionOf(me)),
        (error: unknown) => {
          const noSession = isApiError(error) && error.status === 401
          if (noSession) sessionHint.forget()
          if (current) setSession(signedOut(null, noSession ? null : error))
        },
      )
    } else {
      setSession(signedOut(null))
    }
    // A request that finds the session gone (expired, ended elsewhere) brings back the sign-in page.
    const sessionLost = (): void => {
      apiClient.setCsrfToken(null)
      sessionHint.forget()
      resetLiveEvents()
      setSession((shown) =>
        shown.kind === 'signed-in' || shown.kind === 'enrolling' ? signedOut('sessionEnded') : shown,
      )
    }
    apiClient.setSessionLostHandler(sessionLost)
    // So does the live stream, without any request from the page: the node ends it with the
    // session. Whether the session is really gone is asked once (a change of roles ends the
    // stream but not the session: the shell then follows the new roles and listens again).
    setLiveStreamEndedHandler((end) => {
      fetchMe().then(
        (me) => {
          if (!current) return
          const next = sessionOf(me)
          setSession((shown) => (shown.kind === 'signed-in' ? next : shown))
          resumeLiveEvents()
        },
        (error: unknown) => {
          if (!current) return
          if (end.kind === 'credential-ended' || (isApiError(error) && error.status === 401)) sessionLost()
          else resumeLiveEvents() // the node is unwell, not the session: listen again
        },
      )
    })
    return () => {
      current = false
      apiClient.setSessionLostHandler(null)
      setLiveStreamEndedHandler(null)
    }
  }, [])

  const onSignedIn = useCallback((answer: SignedIn) => setSession(sessionOf(answer.me)), [])

  const onSignOut = useCallback(async (everywhere: boolean): Promise<void> => {
    try {
      await (everywhere ? signOutEverywhere() : signOut())
    } catch (error) {
      // already signed out on the node: carry on; anything else: stay, and say so
      if (!(isApiError(error) && error.status === 401)) throw error
    }
    apiClient.setCsrfToken(null)
    sessionHint.forget()
    resetLiveEvents()
    setSession(signedOut(everywhere ? 'signedOutEverywhere' : 'signedOut'))
  }, [])

  const me = session.kind === 'signed-in' || session.kind === 'enrolling' ? session.me : null
  const centreName = node?.centre?.name ?? node?.name ?? me?.node.name ?? t('app.name')

  useEffect(() => {
    if (session.kind === 'signed-out' || session.kind === 'loading')
      document.title = centreName === t('app.name') ? centreName : `${centreName} · ${t('app.name')}`
  }, [session.kind, centreName, t])

  switch (session.kind) {
    case 'loading':
      return (
        <main id="main" className="loading">
          <p role="status">{t('app.loading')}</p>
        </main>
      )
    case 'signed-out':
      return (
        <SignInPage
          centreName={centreName}
          version={node?.version ?? null}
          notice={session.notice}
          problem={session.problem}
          onSignedIn={onSignedIn}
        />
      )
    case 'enrolling':
      return (
        <TotpEnrolmentPage
          centreName={centreName}
          me={session.me}
          onEnrolled={onSignedIn}
          onSignOut={() => onSignOut(false)}
        />
      )
    case 'signed-in':
      return <Layout centreName={centreName} node={node} me={session.me} onSignOut={onSignOut} />
    default: {
      const unknownSession: never = session
      return unknownSession
    }
  }
}
