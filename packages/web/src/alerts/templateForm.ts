import type { FillTemplateProblem } from '@liaison/core'
import { fillAlertTemplate } from '@liaison/core'
import type { AlertContent, AlertTemplateRecord, CapMessage } from '../api/alertsApi.ts'
import type { AlertForm } from './alertForm.ts'
import { formOf } from './alertForm.ts'

/** The template an alert is made from, as the node is told (`AlertContent.template`). */
export type TemplateUse = NonNullable<AlertContent['template']>

/**
 * The composer started from a template: the template filled in with the values, as the form and
 * as the base the form keeps what it does not show (response types, the scope, the other
 * parameters); saved unchanged, the alert is the template left intact.
 */
export function formFromTemplate(
  template: AlertTemplateRecord,
  values: Readonly<Record<string, string>>,
):
  | { ok: true; form: AlertForm; base: CapMessage; use: TemplateUse }
  | { ok: false; problems: FillTemplateProblem[] } {
  const trimmed = Object.fromEntries(
    template.placeholders.map((name) => [name, (values[name] ?? '').trim()] as const),
  )
  const filled = fillAlertTemplate(template.content, trimmed)
  if (!filled.ok) return { ok: false, problems: filled.error }
  const { channels, ...content } = filled.value
  const base: CapMessage = {
    ...content,
    info: content.info.map((i) => ({ ...i, category: [...i.category], responseType: [...i.responseType] })),
    code: [...(content.code ?? [])],
    identifier: '',
    sent: '',
    msgType: 'Alert',
  } as CapMessage
  return {
    ok: true,
    form: formOf(base, channels),
    base,
    use: { templateId: template.id, version: template.version, values: trimmed },
  }
}
