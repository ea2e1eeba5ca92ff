import type { CapAlert, Country } from '@liaison/core'
import { fillAlertTemplate, templatePlaceholders, validateCapAlert } from '@liaison/core'
import { validateCapXsd, writeCap } from '@liaison/formats'
import { describe, expect, it } from 'vitest'
import { demoAlertTemplates } from './demoAlertTemplates.ts'

describe('the demo alert templates', () => {
  it.each(['BE', 'NL', 'LU'] as Country[])(
    'are three for %s, in four languages, valid CAP once filled',
    (country) => {
      const templates = demoAlertTemplates(country, 'alert@demo.example')
      expect(templates).toHaveLength(3)
      for (const t of templates) {
        expect(t.content.info.map((i) => i.language)).toEqual(['fr', 'nl', 'de', 'en'])
        const names = templatePlaceholders(t.content)
        expect(names.length).toBeGreaterThan(0)
        const filled = fillAlertTemplate(t.content, Object.fromEntries(names.map((n) => [n, `${n} value`])))
        if (!filled.ok) throw new Error(JSON.stringify(filled.error))
        const { channels: _channels, ...rest } = filled.value
        const area = [{ areaDesc: 'Zone', polygon: [], circle: ['50.85,4.35 2'], geocode: [] }]
        const cap: CapAlert = {
          ...rest,
          code: [],
          identifier: 'demo-1',
          sent: '2026-12-03T10:00:00+01:00',
          msgType: 'Alert',
          info: rest.info.map((i) => ({ ...i, area: i.area.length > 0 ? i.area : area })),
        }
        expect(validateCapAlert(cap)).toEqual([])
        const xml = writeCap(cap)
        if (!xml.ok) throw new Error(JSON.stringify(xml.error))
        expect(validateCapXsd(xml.value)).toEqual([])
      }
    },
  )
})
