import { describe, expect, it } from 'vitest'
import { capCertainties, capSeverities, capUrgencies } from './CapAlert.ts'
import { euAlertExerciseTestIds, euAlertMessageId } from './euAlertMessageId.ts'

const base = {
  severity: 'Severe',
  urgency: 'Immediate',
  certainty: 'Observed',
  additionalLanguage: false,
} as const

describe('euAlertMessageId', () => {
  it('maps Exercise and Test to 4381 and 4380, and their twins 4394 and 4393', () => {
    expect(euAlertMessageId({ ...base, status: 'Exercise' })).toEqual({ ok: true, value: 4381 })
    expect(euAlertMessageId({ ...base, status: 'Test' })).toEqual({ ok: true, value: 4380 })
    expect(euAlertMessageId({ ...base, status: 'Exercise', additionalLanguage: true })).toEqual({
      ok: true,
      value: 4394,
    })
    expect(euAlertMessageId({ ...base, status: 'Test', additionalLanguage: true })).toEqual({
      ok: true,
      value: 4393,
    })
  })

  it('never maps an exercise or a test to an alert identifier, whatever its severity or flags', () => {
    for (const status of ['Exercise', 'Test'] as const)
      for (const severity of capSeverities)
        for (const urgency of capUrgencies)
          for (const certainty of capCertainties)
            for (const additionalLanguage of [false, true])
              for (const flag of [{}, { level1: true }, { amber: true }]) {
                const id = euAlertMessageId({
                  status,
                  severity,
                  urgency,
                  certainty,
                  additionalLanguage,
                  ...flag,
                })
                expect(id.ok && euAlertExerciseTestIds.includes(id.value)).toBe(true)
              }
  })

  it.each([
    ['Extreme', 'Immediate', 'Observed', 4371],
    ['Extreme', 'Immediate', 'Likely', 4372],
    ['Extreme', 'Expected', 'Observed', 4373],
    ['Extreme', 'Expected', 'Likely', 4374],
    ['Severe', 'Immediate', 'Observed', 4375],
    ['Severe', 'Immediate', 'Likely', 4376],
    ['Severe', 'Expected', 'Observed', 4377],
    ['Severe', 'Expected', 'Likely', 4378],
  ] as const)('maps an Actual %s/%s/%s alert to %i', (severity, urgency, certainty, id) => {
    expect(
      euAlertMessageId({ status: 'Actual', severity, urgency, certainty, additionalLanguage: false }),
    ).toEqual({ ok: true, value: id })
    expect(
      euAlertMessageId({ status: 'Actual', severity, urgency, certainty, additionalLanguage: true }),
    ).toEqual({ ok: true, value: id + 13 })
  })

  it('maps level 1 and amber, refuses what no level fits and what is never broadcast', () => {
    expect(euAlertMessageId({ ...base, status: 'Actual', level1: true })).toEqual({ ok: true, value: 4370 })
    expect(euAlertMessageId({ ...base, status: 'Actual', amber: true, additionalLanguage: true })).toEqual({
      ok: true,
      value: 4392,
    })
    expect(euAlertMessageId({ ...base, status: 'Actual', severity: 'Moderate' })).toEqual({
      ok: false,
      error: 'below_eu_alert_levels',
    })
    expect(euAlertMessageId({ ...base, status: 'Draft' })).toEqual({
      ok: false,
      error: 'not_broadcast_status',
    })
    expect(euAlertMessageId({ ...base, status: 'System' })).toEqual({
      ok: false,
      error: 'not_broadcast_status',
    })
  })
})
