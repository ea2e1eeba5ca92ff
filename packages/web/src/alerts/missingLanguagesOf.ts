import type { AlertLanguage, ExpectedLanguage } from '@liaison/core'
import { expectedAlertLanguages, missingAlertLanguages } from '@liaison/core'
import type { AreaCheckResult } from '../api/alertsApi.ts'
import type { AreaDraft } from './alertForm.ts'
import { circleOf, ringOf } from './alertForm.ts'

/** The languages the area expects (by its codes, drawn countries and borders) that the alert is not written in. */
export function missingLanguagesOf(
  area: AreaDraft,
  check: AreaCheckResult | null,
  written: readonly AlertLanguage[],
): ExpectedLanguage[] {
  const drawn = ringOf(area) !== null || circleOf(area) !== null
  const expected = expectedAlertLanguages({
    codes: area.codes,
    drawnCountries: drawn && check ? check.countries : [],
    borders: check ? [...check.crosses, ...(check.nearest ? [check.nearest.border] : [])] : [],
  })
  return missingAlertLanguages(expected, written)
}
