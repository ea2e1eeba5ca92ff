import { useTranslation } from 'react-i18next'
import { SelectField } from '../components/SelectField.tsx'
import type { ScalingChoice } from './caseHelpers.ts'
import type { ScalingLevel } from '@liaison/core'
import { bePlanLevels, doctrines, scalingLevels } from '@liaison/core'

/**
 * The scaling selects of a case's forms: the doctrine, then its level, then (Belgium only) the
 * national emergency plan's level. The caller puts them in its own row of fields.
 */
export function ScalingFields({
  value,
  onChange,
}: {
  readonly value: ScalingChoice
  readonly onChange: (value: ScalingChoice) => void
}) {
  const { t } = useTranslation()
  const { doctrine, level, planLevel } = value
  return (
    <>
      <SelectField
        label={t('cases.doctrine')}
        value={doctrine}
        options={[
          { value: '', label: t('cases.noScaling') },
          ...doctrines.map((d) => ({ value: d, label: t(`doctrines.${d}`) })),
        ]}
        onChange={(chosen) => {
          const found = doctrines.find((d) => d === chosen) ?? ''
          onChange({ ...value, doctrine: found, level: found ? scalingLevels[found][0] : '' })
        }}
      />
      {doctrine && (
        <SelectField
          label={t('cases.level')}
          value={level}
          options={scalingLevels[doctrine].map((l) => ({
            value: l,
            label: doctrine === 'BE' ? t(`bePhases.${l as ScalingLevel<'BE'>}`) : l,
          }))}
          onChange={(chosen) => onChange({ ...value, level: chosen })}
        />
      )}
      {doctrine === 'BE' && (
        <SelectField
          label={t('cases.planLevel')}
          value={planLevel}
          options={[
            { value: '', label: t('cases.noPlanLevel') },
            ...bePlanLevels.map((l) => ({ value: l, label: t(`planLevels.${l}`) })),
          ]}
          onChange={(chosen) =>
            onChange({ ...value, planLevel: bePlanLevels.find((l) => l === chosen) ?? '' })
          }
          testId="case-plan-level"
        />
      )}
    </>
  )
}
