import type { Permission, Role } from './roles.ts'

/** Who a request acts as, once authenticated. */
export type Principal =
  | {
      readonly kind: 'user'
      readonly userId: string
      readonly username: string
      readonly orgId: string
      readonly roles: readonly Role[]
      readonly sessionId: string
    }
  | {
      readonly kind: 'token'
      readonly tokenId: string
      readonly tokenName: string
      readonly orgId: string
      /** The user who made the token; it acts within that user's rights. */
      readonly userId: string
      readonly creatorRoles: readonly Role[]
      readonly scopes: readonly Permission[]
    }
