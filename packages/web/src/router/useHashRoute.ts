import { useSyncExternalStore } from 'react'

/** The pages of the signed-in shell. */
export const routes = ['home', 'map', 'users', 'tokens', 'audit'] as const
export type Route = (typeof routes)[number]

const hashes: Readonly<Record<Route, string>> = {
  home: '#/',
  map: '#/map',
  users: '#/users',
  tokens: '#/tokens',
  audit: '#/audit',
}

export function hrefOf(route: Route): string {
  return hashes[route]
}

/** The route of a location hash (`#/users`); null when no page has that address. */
export function routeFromHash(hash: string): Route | null {
  if (hash === '' || hash === '#' || hash === '#/') return 'home'
  const path = hash.replace(/\/+$/, '')
  return routes.find((route) => hashes[route] === path) ?? null
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
