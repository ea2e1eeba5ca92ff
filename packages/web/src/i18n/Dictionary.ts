import type { en } from './en.ts'

/** The shape every language's dictionary has: the keys of the English one, all strings. */
export type Dictionary = typeof en
