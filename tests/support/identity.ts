import { randomBytes } from 'node:crypto'
import type { Role, User } from '@liaison/core'
import { addUser, newTotpSecret, sessionCookieName, totpCode, totpContext, totpStep } from '@liaison/server'
import type { TestNode } from './testNode.ts'

export const testPassword = 'correct horse battery staple'

export interface TestUser {
  readonly user: User
  readonly password: string
  readonly totpSecret: string
}

/** A user with a one-time code already set up (its last used step is in the past). */
export async function makeUser(
  node: TestNode,
  options: { roles: Role[]; orgCode?: string; username?: string; enrolled?: boolean },
): Promise<TestUser> {
  const username = options.username ?? `u-${randomBytes(4).toString('hex')}`
  const user = await addUser(node.deps, {
    caller: { kind: 'system', label: 'test' },
    orgCode: options.orgCode ?? 'centre',
    username,
    displayName: `Test ${username}`,
    roles: options.roles,
    password: testPassword,
    source: 'test',
  })
  const totpSecret = newTotpSecret()
  if (options.enrolled ?? true) {
    await node.deps.store.db
      .updateTable('users')
      .set({
        totp_secret: node.deps.secrets.seal(totpSecret, totpContext(user.id)),
        totp_enrolled_at: new Date(),
        totp_last_step: totpStep(node.deps.clock.now().getTime()) - 5,
      })
      .where('id', '=', user.id)
      .execute()
  }
  return { user: { ...user, totpEnrolled: options.enrolled ?? true }, password: testPassword, totpSecret }
}

export interface TestSession {
  readonly cookie: string
  readonly csrf: string
  /** Headers for a request: the cookie, and the CSRF token for changes. */
  headers(): Record<string, string>
}

export function sessionFromResponse(
  node: TestNode,
  response: { cookies: { name: string; value: string }[]; json(): unknown },
): TestSession {
  const name = sessionCookieName(node.deps.nodeId)
  const cookie = response.cookies.find((c) => c.name === name)
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(response.json())}`)
  const csrf = (response.json() as { me: { csrfToken: string } }).me.csrfToken
  return {
    cookie: `${name}=${cookie.value}`,
    csrf,
    headers: () => ({ cookie: `${name}=${cookie.value}`, 'x-csrf-token': csrf }),
  }
}

/** Signs in through the API with password and the current code. */
export async function signIn(node: TestNode, user: TestUser): Promise<TestSession> {
  const response = await node.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    // each from its own address: sign-in is rate-limited per address
    remoteAddress: `10.${randomBytes(3).join('.')}`,
    payload: {
      username: user.user.username,
      password: user.password,
      code: totpCode(user.totpSecret, node.deps.clock.now().getTime()),
    },
  })
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`)
  return sessionFromResponse(node, response)
}

export async function signedInAs(
  node: TestNode,
  roles: Role[],
  orgCode?: string,
): Promise<TestSession & { account: TestUser }> {
  const account = await makeUser(node, { roles, ...(orgCode ? { orgCode } : {}) })
  return { ...(await signIn(node, account)), account }
}
