import { describe, expect, it } from 'vitest'
import { readCsv } from '@liaison/core'
import type { CitizenDeps } from '../citizens/CitizenDeps.ts'
import { readSubscriberRows } from './importSubscribers.ts'

const deps = {
  sender: { kinds: new Set(['sms', 'email']) },
  pushOffered: false,
  pushHosts: [],
} as unknown as Pick<CitizenDeps, 'sender' | 'pushOffered' | 'pushHosts'>

const read = (text: string) => readSubscriberRows(deps, readCsv(text).records)

describe('readSubscriberRows', () => {
  it('takes a row with its place as written', () => {
    const { rows, refused } = read(
      'phone,languages,label,lon,lat,area_code\n+32470000001,fr nl,école,5.57,50.63,BE-LG\n',
    )
    expect(refused).toEqual([])
    expect(rows[0]?.place).toEqual({ label: 'école', lon: 5.57, lat: 50.63, areaCode: 'BE-LG' })
  })

  it('refuses, by line and column, what the registration route would refuse, never coercing', () => {
    const { rows, refused } = read(
      [
        'phone,languages,label,lon,lat,area_code',
        '+32470000001,fr,home,0x10,50.6,',
        '+32470000002,fr,home,5.5,1e1,',
        '+32470000003,fr,home,5.5,50.6,BE LG',
        `+32470000004,fr,${'é'.repeat(61)},5.5,50.6,`,
        `+32470000005,fr,${'é'.repeat(60)},5.5,50.6,`,
      ].join('\n'),
    )
    expect(refused.map((r) => [r.line, r.reason.split(':')[0]])).toEqual([
      [2, 'lon, lat'],
      [3, 'lon, lat'],
      [4, 'area_code'],
      [5, 'label'],
    ])
    expect(rows.map((r) => r.line)).toEqual([6])
  })

  it('refuses a header that names a column twice', () => {
    expect(read('phone,phone\n+32470000001,+32470000002\n').refused).toEqual([
      { line: 1, reason: 'a column is named twice: phone' },
    ])
  })
})
