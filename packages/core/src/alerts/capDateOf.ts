/** An instant as a CAP dateTime: UTC written with an explicit `+00:00` offset, whole seconds. */
export function capDateOf(at: Date): string {
  return `${at.toISOString().slice(0, 19)}+00:00`
}
