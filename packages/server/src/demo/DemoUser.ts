import type { Role } from '@liaison/core'

/** A demo account: shown, with its password and current code, on a demo node's sign-in page only. */
export interface DemoUser {
  readonly username: string
  readonly password: string
  readonly displayName: string
  readonly roles: readonly Role[]
  readonly orgCode: string
}
