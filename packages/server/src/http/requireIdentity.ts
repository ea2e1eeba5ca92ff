import type { FastifyReply, FastifyRequest } from 'fastify'
import { LiaisonError } from '@liaison/core'

/**
 * Guards every state-changing route. This node knows no users or API tokens yet (they come with
 * the identity capability), so every request is refused: state changes go through the CLI,
 * which is the operator on the machine itself.
 */
export async function requireIdentity(_request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  throw new LiaisonError(
    'unauthenticated',
    'sign-in is required; this node accepts changes only from its command line',
  )
}
