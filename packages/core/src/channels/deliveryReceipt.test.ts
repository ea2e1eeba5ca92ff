import { describe, expect, it } from 'vitest'
import { readDeliveryReceipt } from './deliveryReceipt.ts'

describe('readDeliveryReceipt', () => {
  it.each([
    ['DELIVRD', 'delivered'],
    ['EXPIRED', 'expired'],
    ['UNDELIV', 'failed'],
    ['REJECTD', 'failed'],
    ['DELETED', 'failed'],
    ['UNKNOWN', 'failed'],
    ['ACCEPTD', 'pending'],
    ['ENROUTE', 'pending'],
    ['WHATEVR', 'failed'],
  ])('stat:%s is %s', (stat, state) => {
    const text = `id:7f3a sub:001 dlvrd:001 submit date:2612031200 done date:2612031201 stat:${stat} err:000 text:Hello`
    expect(readDeliveryReceipt(text)).toEqual({ messageId: '7f3a', stat, state, err: '000' })
  })

  it('reads lower case and a missing err', () => {
    expect(readDeliveryReceipt('id:abc stat:delivrd')).toEqual({
      messageId: 'abc',
      stat: 'DELIVRD',
      state: 'delivered',
      err: null,
    })
  })

  it.each(['', 'STOP', 'stat:DELIVRD', 'id:42', 'paid:42 stat:DELIVRD'])('%j is no receipt', (text) => {
    expect(readDeliveryReceipt(text)).toBeNull()
  })
})
