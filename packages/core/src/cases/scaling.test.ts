import { describe, expect, it } from 'vitest'
import { crosswalk, isScaling, scalingLevels } from './scaling.ts'

describe('scaling crosswalk', () => {
  it.each([
    [
      { doctrine: 'BE', level: 'routine' },
      { BE: 'routine', NL: 'GRIP 0', LU: '0' },
    ],
    [
      { doctrine: 'BE', level: 'communal' },
      { BE: 'communal', NL: 'GRIP 3', LU: '1' },
    ],
    [
      { doctrine: 'BE', level: 'federal' },
      { BE: 'federal', NL: 'GRIP 4', LU: '2' },
    ],
    [
      { doctrine: 'NL', level: 'GRIP 1' },
      { BE: 'routine', NL: 'GRIP 1', LU: '0' },
    ],
    [
      { doctrine: 'NL', level: 'GRIP 5' },
      { BE: 'provincial', NL: 'GRIP 5', LU: '1' },
    ],
    [
      { doctrine: 'LU', level: '2' },
      { BE: 'federal', NL: 'GRIP 4', LU: '2' },
    ],
  ] as const)('%j sits beside %j', (scaling, expected) => {
    expect(crosswalk(scaling)).toEqual(expected)
  })

  it('keeps its own level and knows every level of every doctrine', () => {
    for (const [doctrine, levels] of Object.entries(scalingLevels)) {
      for (const level of levels) {
        const scaling = { doctrine: doctrine as keyof typeof scalingLevels, level }
        expect(isScaling(scaling)).toBe(true)
        expect(crosswalk(scaling)[scaling.doctrine]).toBe(level)
      }
    }
    expect(isScaling({ doctrine: 'NL', level: 'GRIP 6' })).toBe(false)
    expect(isScaling({ doctrine: 'BE', level: 'federal', planLevel: 'alert' })).toBe(true)
    expect(isScaling({ doctrine: 'NL', level: 'GRIP 5', planLevel: 'alert' })).toBe(false)
    expect(isScaling({ doctrine: 'BE', level: 'federal', planLevel: 'red' as never })).toBe(false)
  })
})
