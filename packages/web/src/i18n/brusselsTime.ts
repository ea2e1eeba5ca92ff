const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** The Brussels wall-clock reading of an instant, as milliseconds of a UTC clock showing it. */
function brusselsWallClock(instant: number): number {
  const get = (type: string): number =>
    Number(parts.formatToParts(new Date(instant)).find((p) => p.type === type)?.value ?? 0)
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
}

/**
 * A `datetime-local` value (`2026-07-01T14:30`) read as Europe/Brussels wall-clock time, as an ISO
 * instant; null when empty or not a date-time.
 */
export function fromBrusselsLocal(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim())
  if (!match) return null
  const [, y, mo, d, h, mi, s] = match
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0))
  if (Number.isNaN(wall)) return null
  let instant = wall
  for (let i = 0; i < 2; i++) instant = wall - (brusselsWallClock(instant) - instant)
  return new Date(instant).toISOString()
}

/** The `datetime-local` value showing an ISO instant in Brussels time ('' when none). */
export function toBrusselsLocal(iso: string | null | undefined): string {
  if (!iso) return ''
  const instant = new Date(iso).getTime()
  if (Number.isNaN(instant)) return ''
  return new Date(brusselsWallClock(instant)).toISOString().slice(0, 16)
}
