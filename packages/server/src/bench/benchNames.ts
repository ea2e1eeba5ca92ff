/** The benches of `liaison bench`, each of which `--only` can run alone. */
export const benchNames = ['actions', 'stream', 'writes', 'flood', 'pages'] as const

export type BenchName = (typeof benchNames)[number]

/** Parses `--only a,b`: the names, or the problem with them. */
export function parseBenchNames(
  text: string,
): { ok: true; value: ReadonlySet<BenchName> } | { ok: false; error: string } {
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0)
  const unknown = names.filter((n) => !(benchNames as readonly string[]).includes(n))
  if (names.length === 0 || unknown.length > 0)
    return {
      ok: false,
      error: `--only takes one or more of ${benchNames.join(', ')} (comma-separated)${unknown.length > 0 ? `; not a bench: ${unknown.join(', ')}` : ''}`,
    }
  return { ok: true, value: new Set(names as BenchName[]) }
}
