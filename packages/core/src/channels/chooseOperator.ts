/**
 * Which operator account carries an SMS to a number: the number's own override if it was
 * ported to another network, else the operator with the longest configured prefix it starts
 * with (the first listed on a tie), else the default operator, else none.
 */
export interface OperatorRouting {
  readonly operators: readonly { readonly id: string; readonly prefixes: readonly string[] }[]
  /** Numbers moved to another network (E.164 → operator id). */
  readonly ported?: Readonly<Record<string, string>>
  /** The operator for a number no prefix matches; none: such a number is not sent. */
  readonly defaultOperator?: string
}

export function chooseOperator(number: string, routing: OperatorRouting): string | null {
  const ported = routing.ported && Object.hasOwn(routing.ported, number) ? routing.ported[number] : undefined
  if (ported !== undefined) return ported
  let best: { id: string; length: number } | null = null
  for (const operator of routing.operators) {
    for (const prefix of operator.prefixes) {
      if (number.startsWith(prefix) && (best === null || prefix.length > best.length)) {
        best = { id: operator.id, length: prefix.length }
      }
    }
  }
  return best?.id ?? routing.defaultOperator ?? null
}
