import { DemoAccountsBody } from '@liaison/wire'
import { totpCode, totpStepSeconds } from '../../auth/totp.ts'
import { totpContext } from '../../auth/SecretBox.ts'
import { demoAccountRows } from '../../store/identity/userRows.ts'
import type { App, AppDeps } from '../AppDeps.ts'

/**
 * Demo nodes only (never registered on a real node): the demo accounts with their passwords and
 * current one-time codes, so a newcomer signs in without an authenticator app.
 */
export function demoRoutes(app: App, deps: AppDeps): void {
  const demo = deps.demo
  if (!demo) return
  app.get(
    '/api/v1/demo/sign-in',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['demo'],
        summary: 'DEMO NODE ONLY: the demo accounts and their current one-time codes',
        response: {
          200: DemoAccountsBody,
        },
      },
    },
    async (_req, reply) => {
      const now = deps.clock.now().getTime()
      const rows = await demoAccountRows(
        deps.store.db,
        demo.users.map((u) => u.username),
      )
      const byName = new Map(rows.map((r) => [r.username, r]))
      void reply.header('cache-control', 'no-store')
      return {
        users: demo.users.flatMap((u) => {
          const row = byName.get(u.username)
          if (!row?.totp_secret) return []
          return [
            {
              username: u.username,
              password: u.password,
              displayName: u.displayName,
              roles: [...u.roles],
              organisation: row.name,
              code: totpCode(deps.secrets.open(row.totp_secret, totpContext(row.id)), now),
              codeExpiresInSeconds: totpStepSeconds - (Math.floor(now / 1000) % totpStepSeconds),
            },
          ]
        }),
      }
    },
  )
}
