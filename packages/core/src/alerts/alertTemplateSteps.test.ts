import { describe, expect, it } from 'vitest'
import type { AlertTemplate, AlertTemplateContent } from './AlertTemplate.ts'
import {
  changeAlertTemplate,
  newAlertTemplate,
  preApproveAlertTemplate,
  retireAlertTemplate,
  templatePreApprovedAt,
} from './alertTemplateSteps.ts'

const content: AlertTemplateContent = {
  status: 'Test',
  sender: 'alert@nccn.be',
  scope: 'Public',
  channels: ['cell-broadcast'],
  info: [
    {
      category: ['Other'],
      event: 'Test {{month}}',
      responseType: ['None'],
      urgency: 'Unknown',
      severity: 'Unknown',
      certainty: 'Unknown',
      eventCode: [],
      parameter: [],
      resource: [],
      area: [],
    },
  ],
}
const at = new Date('2026-12-03T10:00:00Z')
const later = new Date('2026-12-03T11:00:00Z')
const made = (): AlertTemplate => {
  const t = newAlertTemplate(
    { name: '  Monthly test ', content },
    { id: 't1', orgId: 'o1', by: 'alice', at, nameTaken: false },
  )
  if (!t.ok) throw new Error('made')
  return t.value
}

describe('alert template steps', () => {
  it('makes a template with its placeholders, not pre-approved', () => {
    expect(made()).toMatchObject({
      name: 'Monthly test',
      version: 1,
      placeholders: ['month'],
      preApprovedBy: null,
      changedBy: 'alice',
    })
  })

  it('refuses an empty or long name and a taken one', () => {
    const facts = { id: 't', orgId: 'o', by: 'a', at, nameTaken: false }
    for (const name of ['', '   ', 'x'.repeat(101)])
      expect(newAlertTemplate({ name, content }, facts)).toMatchObject({
        ok: false,
        error: { reason: 'invalid' },
      })
    expect(newAlertTemplate({ name: 'x', content }, { ...facts, nameTaken: true })).toEqual({
      ok: false,
      error: { reason: 'alert_template_name_taken' },
    })
  })

  it('is pre-approved by another approver only, at the version read, once', () => {
    const t = made()
    expect(preApproveAlertTemplate(t, { version: 1, by: 'alice', at })).toEqual({
      ok: false,
      error: { reason: 'alert_template_same_person' },
    })
    expect(preApproveAlertTemplate(t, { version: 2, by: 'bob', at })).toEqual({
      ok: false,
      error: { reason: 'stale_version' },
    })
    const p = preApproveAlertTemplate(t, { version: 1, by: 'bob', at: later })
    expect(p).toMatchObject({ ok: true, value: { preApprovedBy: 'bob', preApprovedAt: later } })
    if (!p.ok) return
    expect(templatePreApprovedAt(p.value, 1)).toBe(true)
    expect(templatePreApprovedAt(p.value, 2)).toBe(false)
    expect(templatePreApprovedAt(t, 1)).toBe(false)
    expect(preApproveAlertTemplate(p.value, { version: 1, by: 'carol', at })).toMatchObject({ ok: false })
  })

  it('withdraws the pre-approval on a change, and the changer may not pre-approve it again', () => {
    const p = preApproveAlertTemplate(made(), { version: 1, by: 'bob', at })
    if (!p.ok) throw new Error('pre-approved')
    const c = changeAlertTemplate(
      p.value,
      { version: 1, name: 'Monthly test', content },
      { by: 'bob', at: later, nameTaken: false },
    )
    expect(c).toMatchObject({ ok: true, value: { version: 2, preApprovedBy: null, changedBy: 'bob' } })
    if (!c.ok) return
    expect(templatePreApprovedAt(c.value, 2)).toBe(false)
    expect(preApproveAlertTemplate(c.value, { version: 2, by: 'bob', at })).toMatchObject({
      ok: false,
      error: { reason: 'alert_template_same_person' },
    })
    expect(preApproveAlertTemplate(c.value, { version: 2, by: 'alice', at })).toMatchObject({ ok: true })
    expect(
      changeAlertTemplate(c.value, { version: 1, name: 'x', content }, { by: 'a', at, nameTaken: false }),
    ).toEqual({ ok: false, error: { reason: 'stale_version' } })
  })

  it('retires once; a retired template is neither changed, pre-approved nor counted as pre-approved', () => {
    const p = preApproveAlertTemplate(made(), { version: 1, by: 'bob', at })
    if (!p.ok) throw new Error('pre-approved')
    const r = retireAlertTemplate(p.value, { version: 1, at: later })
    expect(r).toMatchObject({ ok: true, value: { retiredAt: later, preApprovedBy: null } })
    if (!r.ok) return
    expect(templatePreApprovedAt(r.value, 1)).toBe(false)
    const retired = { ok: false, error: { reason: 'alert_template_retired' } }
    expect(retireAlertTemplate(r.value, { version: 1, at })).toEqual(retired)
    expect(preApproveAlertTemplate(r.value, { version: 1, by: 'carol', at })).toEqual(retired)
    expect(
      changeAlertTemplate(r.value, { version: 1, name: 'x', content }, { by: 'a', at, nameTaken: false }),
    ).toEqual(retired)
  })
})
