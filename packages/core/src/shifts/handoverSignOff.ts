import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { RosterOverride, Rotation } from './roster.ts'
import { shiftAt } from './roster.ts'

/** The part of a handover its sign-off looks at. */
export interface HandoverToSign {
  readonly orgId: string
  readonly outgoingUserId: string
  readonly signedOffAt: Date | null
}

/**
 * Why a handover may not be signed off by this officer now:
 * - `not_keeper`: it is another organisation's handover;
 * - `already_signed_off`: it was signed off once, for good;
 * - `outgoing_signs_off`: the officer who prepared it hands over; the incoming one signs;
 * - `not_incoming_officer`: with a rotation, only the officer on duty now or on the next shift signs.
 */
export type HandoverSignOffRefusal =
  'not_keeper' | 'already_signed_off' | 'outgoing_signs_off' | 'not_incoming_officer'

/**
 * The incoming officer signs the handover off, once. With a rotation (and its overrides), the
 * incoming officer is the one on duty at `at` or on the shift after; without one, any officer of
 * the organisation but the outgoing one.
 */
export function maySignOffHandover(
  handover: HandoverToSign,
  by: { readonly orgId: string; readonly userId: string },
  roster: {
    readonly rotation: Rotation | null
    readonly overrides: readonly RosterOverride[]
    readonly at: Date
  },
): Result<void, HandoverSignOffRefusal> {
  if (handover.orgId !== by.orgId) return err('not_keeper')
  if (handover.signedOffAt !== null) return err('already_signed_off')
  if (handover.outgoingUserId === by.userId) return err('outgoing_signs_off')
  if (roster.rotation) {
    const current = shiftAt(roster.rotation, roster.at, roster.overrides)
    const next = current ? shiftAt(roster.rotation, current.end, roster.overrides) : null
    if (current && current.userId !== by.userId && next?.userId !== by.userId)
      return err('not_incoming_officer')
  }
  return ok(undefined)
}
