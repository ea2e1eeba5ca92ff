import type { TFunction } from 'i18next'
import type { Role } from '@liaison/core'
import { en } from './en.ts'

function isKnownRole(role: string): role is Role {
  return Object.hasOwn(en.roles, role)
}

/** A role's name in the interface's language; a role this page does not know yet keeps its code. */
export function roleLabel(role: string, t: TFunction): string {
  return isKnownRole(role) ? t(`roles.${role}`) : role
}
