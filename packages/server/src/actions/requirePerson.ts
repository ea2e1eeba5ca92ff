import type { Caller } from '@liaison/core'
import { LiaisonError } from '@liaison/core'

export type PersonCaller = Extract<Caller, { kind: 'user' | 'token' }>

/** Work inside an organisation is done by its people (or their API tokens), not by the operator or the node. */
export function requirePerson(caller: Caller): PersonCaller {
  if (caller.kind !== 'user' && caller.kind !== 'token') {
    throw new LiaisonError('forbidden', 'this is done by a person or an API token of an organisation')
  }
  return caller
}
