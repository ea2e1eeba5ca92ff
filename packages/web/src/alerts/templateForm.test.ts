import type { AlertTemplateContent, CapAlert } from '@liaison/core'
import { fillAlertTemplate, templateIntact } from '@liaison/core'
import { describe, expect, it } from 'vitest'
import type { AlertTemplateRecord } from '../api/alertsApi.ts'
import { contentOf } from './alertForm.ts'
import { formFromTemplate } from './templateForm.ts'

const block = (language: string, headline: string) => ({
  language,
  category: ['Other' as const],
  event: 'BE-Alert test',
  responseType: ['None' as const],
  urgency: 'Unknown' as const,
  severity: 'Unknown' as const,
  certainty: 'Unknown' as const,
  eventCode: [],
  headline,
  description: `${headline}: {{date}}`,
  instruction: '—',
  parameter: [{ valueName: 'shortText', value: `${headline} {{date}}` }],
  resource: [],
  area: [
    {
      areaDesc: 'Belgique – België – Belgien',
      polygon: [],
      circle: [],
      geocode: [{ valueName: 'ISO 3166-2', value: 'BE' }],
    },
  ],
})
const content: AlertTemplateContent = {
  status: 'Test',
  sender: 'alert@nccn.demo',
  scope: 'Public',
  channels: ['cell-broadcast', 'feed'],
  info: [block('fr', 'Test du {{date}}'), block('nl', 'Test van {{date}}'), block('de', 'Test vom {{date}}')],
}
const template = {
  id: '01900000-0000-7000-8000-000000000001',
  version: 3,
  name: 'Test mensuel',
  placeholders: ['date'],
  content,
} as unknown as AlertTemplateRecord

const asAlert = (c: ReturnType<typeof contentOf>) => {
  const { channels, template: _t, ...rest } = c
  return {
    cap: { ...rest, code: rest.code ?? [], identifier: 'x', sent: 's', msgType: 'Alert' } as CapAlert,
    channels,
  }
}

describe('the composer started from a template', () => {
  const started = formFromTemplate(template, { date: ' 2 décembre ' })
  if (!started.ok) throw new Error('fills')
  const filled = fillAlertTemplate(content, { date: '2 décembre' })
  if (!filled.ok) throw new Error('fills')

  it('fills the form in every language and remembers the template and the values (trimmed)', () => {
    expect(started.use).toEqual({ templateId: template.id, version: 3, values: { date: '2 décembre' } })
    expect(started.form.status).toBe('Test')
    expect(started.form.texts.map((t) => t.headline)).toEqual([
      'Test du 2 décembre',
      'Test van 2 décembre',
      'Test vom 2 décembre',
    ])
    expect(started.form.texts[1]!.shortText).toBe('Test van 2 décembre 2 décembre')
    expect(started.form.area.codes).toEqual(['BE'])
  })

  it('saved unchanged, is the template left intact; changed, it is not', () => {
    expect(templateIntact(asAlert(contentOf(started.form, started.base)), filled.value)).toBe(true)
    const texts = started.form.texts.map((t, i) => (i === 0 ? { ...t, instruction: 'Restez chez vous.' } : t))
    expect(templateIntact(asAlert(contentOf({ ...started.form, texts }, started.base)), filled.value)).toBe(
      false,
    )
    const raised = { ...started.form, severity: 'Extreme' as const }
    expect(templateIntact(asAlert(contentOf(raised, started.base)), filled.value)).toBe(false)
  })

  it('says which placeholder is missing', () => {
    expect(formFromTemplate(template, { date: '  ' })).toEqual({
      ok: false,
      problems: [{ reason: 'missing', name: 'date' }],
    })
  })
})
