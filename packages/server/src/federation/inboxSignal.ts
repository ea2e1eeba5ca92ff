import type { Store } from '../store/openStore.ts'

const listeners = new WeakMap<Store, Set<() => void>>()

/**
 * Entries were received into the inbox of this store: wakes the inbox applier of this process,
 * if it runs here (another process finds them on its next poll).
 */
export function signalInbox(store: Store): void {
  for (const wake of listeners.get(store) ?? []) wake()
}

/** Listens for entries received into this store's inbox; returns the way to stop. */
export function onInbox(store: Store, wake: () => void): () => void {
  const set = listeners.get(store) ?? new Set()
  set.add(wake)
  listeners.set(store, set)
  return () => set.delete(wake)
}
