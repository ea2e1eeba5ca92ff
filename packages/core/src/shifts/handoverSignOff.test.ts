import { describe, expect, it } from 'vitest'
import { maySignOffHandover } from './handoverSignOff.ts'
import type { Rotation } from './roster.ts'

const rotation: Rotation = {
  timeZone: 'Europe/Brussels',
  startDate: { year: 2026, month: 3, day: 1 },
  shiftStarts: [
    { hour: 7, minute: 0 },
    { hour: 19, minute: 0 },
  ],
  members: ['anna', 'bart', 'chloe', 'dirk'],
}
// 1 March 2026, 11:00 in Brussels: anna's day shift; bart's night comes next
const at = new Date('2026-03-01T10:00:00Z')
const handover = { orgId: 'centre', outgoingUserId: 'erik', signedOffAt: null }
const noRoster = { rotation: null, overrides: [], at }
const withRoster = { rotation, overrides: [], at }
const by = (userId: string, orgId = 'centre') => ({ orgId, userId })

describe('signing a handover off', () => {
  it.each([
    ['another organisation', handover, by('anna', 'police'), noRoster, 'not_keeper'],
    [
      'a handover signed off already',
      { ...handover, signedOffAt: at },
      by('anna'),
      noRoster,
      'already_signed_off',
    ],
    ['the outgoing officer', handover, by('erik'), noRoster, 'outgoing_signs_off'],
    ['any other officer, without a rotation', handover, by('chloe'), noRoster, null],
    ['the officer on duty now', handover, by('anna'), withRoster, null],
    ['the officer of the next shift', handover, by('bart'), withRoster, null],
    ['an officer of a later shift', handover, by('chloe'), withRoster, 'not_incoming_officer'],
  ] as const)('by %s', (_who, h, signer, roster, refusal) => {
    const decided = maySignOffHandover(h, signer, roster)
    expect(decided.ok ? null : decided.error).toBe(refusal)
  })

  it('follows the overrides of the roster', () => {
    const overrides = [{ shiftStart: new Date('2026-03-01T18:00:00Z'), userId: 'dirk' }]
    expect(maySignOffHandover(handover, by('dirk'), { rotation, overrides, at }).ok).toBe(true)
    expect(maySignOffHandover(handover, by('bart'), { rotation, overrides, at })).toEqual({
      ok: false,
      error: 'not_incoming_officer',
    })
  })
})
