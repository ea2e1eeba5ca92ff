import { canonicalJson } from '../canonical/canonicalJson.ts'
import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import type { AlertTemplateContent } from './AlertTemplate.ts'
import type { CapAlert } from './CapAlert.ts'

/** A placeholder in a template's text: `{{name}}`, the name a letter then letters, digits or `_`. */
const placeholder = /\{\{([A-Za-z][A-Za-z0-9_]{0,39})\}\}/g

/** The limits of a value filled into a placeholder: one line, no placeholder of its own. */
export const templateValueMax = 200

/** Every text of a template in which placeholders may stand, in document order. */
function texts(content: AlertTemplateContent): string[] {
  const out: string[] = []
  for (const info of content.info) {
    for (const t of [info.event, info.headline, info.description, info.instruction, info.audience]) {
      if (t !== undefined) out.push(t)
    }
    for (const p of info.parameter) out.push(p.value)
    for (const a of info.area) out.push(a.areaDesc)
  }
  return out
}

/** The placeholder names a template's texts use, each once, in the order they first appear. */
export function templatePlaceholders(content: AlertTemplateContent): string[] {
  const names = new Set<string>()
  for (const t of texts(content)) for (const m of t.matchAll(placeholder)) names.add(m[1]!)
  return [...names]
}

export type FillTemplateProblem =
  | { readonly reason: 'missing'; readonly name: string }
  | { readonly reason: 'unknown'; readonly name: string }
  | { readonly reason: 'invalid'; readonly name: string }

const fill = (text: string, values: Readonly<Record<string, string>>) =>
  text.replace(placeholder, (whole, name: string) => values[name] ?? whole)

/**
 * The content of an alert made from a template: every placeholder replaced by its value. Each
 * placeholder needs a value of 1 to 200 characters on one line without braces, and no value is
 * given for a name the template does not use.
 */
export function fillAlertTemplate(
  content: AlertTemplateContent,
  values: Readonly<Record<string, string>>,
): Result<AlertTemplateContent, FillTemplateProblem[]> {
  const names = templatePlaceholders(content)
  const problems: FillTemplateProblem[] = []
  for (const name of names) {
    const v = Object.hasOwn(values, name) ? values[name] : undefined
    if (v === undefined || v.trim().length === 0) problems.push({ reason: 'missing', name })
    else if (v.length > templateValueMax || /[\r\n{}]/.test(v)) problems.push({ reason: 'invalid', name })
  }
  for (const name of Object.keys(values))
    if (!names.includes(name)) problems.push({ reason: 'unknown', name })
  if (problems.length > 0) return err(problems)
  return ok({
    ...content,
    info: content.info.map((info) => ({
      ...info,
      event: fill(info.event, values),
      ...(info.headline === undefined ? {} : { headline: fill(info.headline, values) }),
      ...(info.description === undefined ? {} : { description: fill(info.description, values) }),
      ...(info.instruction === undefined ? {} : { instruction: fill(info.instruction, values) }),
      ...(info.audience === undefined ? {} : { audience: fill(info.audience, values) }),
      parameter: info.parameter.map((p) => ({ ...p, value: fill(p.value, values) })),
      area: info.area.map((a) => ({ ...a, areaDesc: fill(a.areaDesc, values) })),
    })),
  })
}

/** The content that must match: the message without what the node sets and without the times. */
type Comparable = Omit<AlertTemplateContent, 'status' | 'channels'> & { readonly status: string }

function comparable(c: Comparable) {
  return {
    status: c.status,
    sender: c.sender,
    scope: c.scope,
    source: c.source,
    restriction: c.restriction,
    addresses: c.addresses,
    code: c.code ?? [],
    note: c.note,
    incidents: c.incidents,
    info: c.info.map(({ effective: _e, onset: _o, expires: _x, ...rest }) => rest),
  }
}

/**
 * Is `alert` the template filled in and nothing else? Everything an author writes must be as the
 * filled template has it, but for the times (`effective`, `onset`, `expires`), which a template
 * cannot know in advance; the channels must be the template's.
 */
export function templateIntact(
  alert: { readonly cap: CapAlert; readonly channels: readonly string[] },
  filled: AlertTemplateContent,
): boolean {
  return (
    canonicalJson(comparable(alert.cap)) === canonicalJson(comparable(filled)) &&
    canonicalJson([...alert.channels].sort()) === canonicalJson([...filled.channels].sort())
  )
}
