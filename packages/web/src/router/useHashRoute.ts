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
  'paging',
  'audit',
  'peers',
  'password',
  'alerts',
  'alertNew',
  'alertQueue',
  'alert',
  'alertEdit',
  'partnerCase',
  'alertProposal',
] as const
export type Route = (typeof routes)[number]

/** The routes whose address carries an id (`#/cases/<id>`, `#/alerts/<id>`). */
export type ParamRoute = 'case' | 'alert' | 'alertEdit' | 'partnerCase' | 'alertProposal'
export type PlainRoute = Exclude<Route, ParamRoute>

const hashes: Readonly<Record<PlainRoute, string>> = {
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
  paging: '#/paging',
  audit: '#/audit',
  peers: '#/peers',
  password: '#/password',
  alerts: '#/alerts',
  alertNew: '#/alerts/new',
  alertQueue: '#/alerts/queue',
}

const casePattern = /^#\/cases\/([0-9a-f-]{36})$/i
const alertPattern = /^#\/alerts\/([0-9a-f-]{36})(\/edit)?$/i
const alertProposalPattern = /^#\/alert-proposals\/([a-z][a-z0-9-]{0,31})\/([A-Za-z0-9._:-]{1,200})$/
const partnerCasePattern = /^#\/partners\/([a-z][a-z0-9-]{0,31})\/cases\/([A-Za-z0-9._:-]{1,200})$/

export function hrefOf(route: PlainRoute): string {
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

/** The address of an alert's page, or of its composer (`edit`). */
export function alertHref(id: string, edit = false): string {
  return `#/alerts/${id}${edit ? '/edit' : ''}`
}

/** The alert of an alert's address (`#/alerts/<id>` or `#/alerts/<id>/edit`), else null. */
export function alertIdFromHash(hash: string): string | null {
  return alertPattern.exec(hash.replace(/\/+$/, ''))?.[1]?.toLowerCase() ?? null
}

/** The address of a case a partner centre shared, read-only (`#/partners/be/cases/<id>`). */
export function receivedCaseHref(origin: string, id: string): string {
  return `#/partners/${origin}/cases/${id}`
}

/** The origin and id of a received case's address, else null. */
export function receivedCaseFromHash(hash: string): { origin: string; id: string } | null {
  const match = partnerCasePattern.exec(hash.replace(/\/+$/, ''))
  return match?.[1] && match[2] ? { origin: match[1], id: match[2] } : null
}

/** The address of an alert proposal a neighbouring centre sent (`#/alert-proposals/be/<id>`). */
export function alertProposalHref(origin: string, id: string): string {
  return `#/alert-proposals/${origin}/${id}`
}

/** The origin and id of an alert proposal's address, else null. */
export function alertProposalFromHash(hash: string): { origin: string; id: string } | null {
  const match = alertProposalPattern.exec(hash.replace(/\/+$/, ''))
  return match?.[1] && match[2] ? { origin: match[1], id: match[2] } : null
}

/** The route of a location hash (`#/users`); null when no page has that address. */
export function routeFromHash(hash: string): Route | null {
  if (hash === '' || hash === '#' || hash === '#/') return 'home'
  const path = hash.replace(/\/+$/, '')
  if (caseIdFromHash(path)) return 'case'
  if (receivedCaseFromHash(path)) return 'partnerCase'
  if (alertProposalFromHash(path)) return 'alertProposal'
  const alert = alertPattern.exec(path)
  if (alert) return alert[2] ? 'alertEdit' : 'alert'
  return (Object.keys(hashes) as PlainRoute[]).find((route) => hashes[route] === path) ?? null
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
