import { useSyncExternalStore } from 'react'

/** The pages of the signed-in shell. */
export const routes = [
  'home',
  'cases',
  'case',
  'handover',
  'map',
  'contacts',
  'plans',
  'calendar',
  'node',
  'users',
  'tokens',
  'audit',
  'password',
] as const
export type Route = (typeof routes)[number]

const hashes: Readonly<Record<Exclude<Route, 'case'>, string>> = {
  home: '#/',
  cases: '#/cases',
  handover: '#/handover',
  map: '#/map',
  contacts: '#/contacts',
  plans: '#/plans',
  calendar: '#/calendar',
  node: '#/node',
  users: '#/users',
  tokens: '#/tokens',
  audit: '#/audit',
  password: '#/password',
}

const casePattern = /^#\/cases\/([0-9a-f-]{36})$/i

export function hrefOf(route: Exclude<Route, 'case'>): string {
  return hashes[route]
}

/** The address of a case room. */
export function caseHref(id: string): string {
  return `#/cases/${id}`
}

/** The case of a case-room address (`#/cases/<id>`), else null. */
export function caseIdFromHash(hash: string): string | null {
  return casePattern.exec(hash.replace(/\/+$/, ''))?.[1]?.toLowerCase() ?? null
}

/** The route of a location hash (`#/users`); null when no page has that address. */
export function routeFromHash(hash: string): Route | null {
  if (hash === '' || hash === '#' || hash === '#/') return 'home'
  const path = hash.replace(/\/+$/, '')
  if (caseIdFromHash(path)) return 'case'
  return (Object.keys(hashes) as Exclude<Route, 'case'>[]).find((route) => hashes[route] === path) ?? null
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

const currentHash = (): string => window.location.hash

/** The current route, following the location hash: the whole router. */
export function useHashRoute(): Route | null {
  return routeFromHash(useSyncExternalStore(subscribe, currentHash))
}

/** The location hash itself, for pages that read a parameter from it. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, currentHash)
}
