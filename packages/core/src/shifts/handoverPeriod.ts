import type { RosterOverride, Rotation, Shift } from './roster.ts'
import { shiftAt } from './roster.ts'

/** How long into a shift a handover still hands over the shift before: the overlap of the two officers. */
export const handoverOverlapMs = 60 * 60_000

/**
 * The shift a handover prepared at `at` hands over: the shift under way, or, in the first hour
 * of a shift (the outgoing officer writing after the change), the one that just ended.
 */
export function shiftHandedOver(
  rotation: Rotation,
  overrides: readonly RosterOverride[],
  at: Date,
): Shift | null {
  const current = shiftAt(rotation, at, overrides)
  if (!current || at.getTime() - current.start.getTime() >= handoverOverlapMs) return current
  return shiftAt(rotation, new Date(current.start.getTime() - 1), overrides) ?? current
}

/**
 * Where a handover's period starts: at the start of the shift handed over, or earlier at the end
 * of the previous handover if one was missed (nothing falls between two handovers), but never
 * more than a day before the shift. Without a roster: since the previous handover, or 12 hours.
 */
export function handoverStart(at: Date, shift: Shift | null, previousEnd: Date | null): Date {
  if (!shift) return previousEnd ?? new Date(at.getTime() - 12 * 3_600_000)
  const floor = shift.start.getTime() - 24 * 3_600_000
  const start = previousEnd
    ? Math.min(shift.start.getTime(), Math.max(previousEnd.getTime(), floor))
    : shift.start.getTime()
  return new Date(start)
}
