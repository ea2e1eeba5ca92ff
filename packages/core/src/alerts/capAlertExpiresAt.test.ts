import { describe, expect, it } from 'vitest'
import { capAlertExpiresAt } from './capAlertExpiresAt.ts'

describe('capAlertExpiresAt', () => {
  const info = (expires?: string) => ({ ...(expires === undefined ? {} : { expires }) })
  it('is the latest expiry when every info block has one', () => {
    expect(
      capAlertExpiresAt({ info: [info('2003-06-17T16:00:00-07:00'), info('2003-06-17T22:00:00Z')] } as never),
    ).toEqual(new Date('2003-06-17T23:00:00Z'))
  })
  it('is null when one info block stands until cancelled, or there is none', () => {
    expect(capAlertExpiresAt({ info: [info('2003-06-17T16:00:00-07:00'), info()] } as never)).toBeNull()
    expect(capAlertExpiresAt({ info: [] })).toBeNull()
  })
})
