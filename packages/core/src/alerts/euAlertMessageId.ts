import type { CapCertainty, CapSeverity, CapStatus, CapUrgency } from './CapAlert.ts'
import { err, ok, type Result } from '../result.ts'

/**
 * Cell-broadcast message identifiers of EU-Alert (ETSI TS 102 900), which reuses the CMAS
 * identifiers of 3GPP TS 23.041 section 9.4.1.2.2: 4370 level 1 (presidential), 4371-4378 by
 * severity, urgency and certainty, 4379 amber, 4380 required monthly test, 4381 exercise; the
 * same thirteen again from 4383 for an additional language (4383 to 4395).
 */
export const euAlertMessageIds = {
  level1: 4370,
  extremeImmediateObserved: 4371,
  extremeImmediateLikely: 4372,
  extremeExpectedObserved: 4373,
  extremeExpectedLikely: 4374,
  severeImmediateObserved: 4375,
  severeImmediateLikely: 4376,
  severeExpectedObserved: 4377,
  severeExpectedLikely: 4378,
  amber: 4379,
  test: 4380,
  exercise: 4381,
} as const

/** The offset from a message identifier to its twin for an additional language. */
export const euAlertAdditionalLanguageOffset = 13

/** Identifiers an Exercise or a Test may carry; nothing else. */
export const euAlertExerciseTestIds: readonly number[] = [4380, 4381, 4393, 4394]

export type EuAlertRefusal =
  /** Draft and System messages are never broadcast to the population. */
  | 'not_broadcast_status'
  /** Moderate or minor, future or past, possible or unlikely: no EU-Alert level fits. */
  | 'below_eu_alert_levels'

export interface EuAlertInput {
  readonly status: CapStatus
  readonly severity: CapSeverity
  readonly urgency: CapUrgency
  readonly certainty: CapCertainty
  /** The text is the additional-language twin (4383 to 4395), not the main language. */
  readonly additionalLanguage: boolean
  /** An explicit level 1 (national, "presidential") alert. */
  readonly level1?: boolean
  /** A missing-child (amber) alert. */
  readonly amber?: boolean
}

/**
 * The EU-Alert message identifier for one language of an alert. Exercise and Test map to the
 * exercise and test identifiers whatever the severity, and never to an alert identifier.
 */
export function euAlertMessageId(input: EuAlertInput): Result<number, EuAlertRefusal> {
  const twin = (id: number): number => (input.additionalLanguage ? id + euAlertAdditionalLanguageOffset : id)
  switch (input.status) {
    case 'Exercise':
      return ok(twin(euAlertMessageIds.exercise))
    case 'Test':
      return ok(twin(euAlertMessageIds.test))
    case 'Draft':
    case 'System':
      return err('not_broadcast_status')
    case 'Actual': {
      const id = actualMessageId(input)
      return id.ok ? ok(twin(id.value)) : id
    }
    default: {
      const unreachable: never = input.status
      return unreachable
    }
  }
}

function actualMessageId(input: EuAlertInput): Result<number, EuAlertRefusal> {
  if (input.level1 === true) return ok(euAlertMessageIds.level1)
  if (input.amber === true) return ok(euAlertMessageIds.amber)
  const severity = input.severity === 'Extreme' ? 0 : input.severity === 'Severe' ? 4 : undefined
  const urgency = input.urgency === 'Immediate' ? 0 : input.urgency === 'Expected' ? 2 : undefined
  const certainty = input.certainty === 'Observed' ? 0 : input.certainty === 'Likely' ? 1 : undefined
  if (severity === undefined || urgency === undefined || certainty === undefined) {
    return err('below_eu_alert_levels')
  }
  return ok(euAlertMessageIds.extremeImmediateObserved + severity + urgency + certainty)
}
