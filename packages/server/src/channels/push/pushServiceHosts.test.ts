import { describe, expect, it } from 'vitest'
import { defaultPushServiceHosts, isAllowedPushEndpoint } from './pushServiceHosts.ts'

describe('isAllowedPushEndpoint', () => {
  it.each([
    'https://fcm.googleapis.com/fcm/send/abc:def',
    'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
    'https://web.push.apple.com/QGv9',
    'https://wns2-par02p.notify.windows.com/w/?token=x',
  ])('takes the browsers’ push services: %s', (endpoint) =>
    expect(isAllowedPushEndpoint(endpoint, defaultPushServiceHosts)).toBe(true),
  )

  it.each([
    'http://fcm.googleapis.com/fcm/send/abc',
    'https://push.apple.com/x',
    'https://evil.example/fcm.googleapis.com',
    'https://fcm.googleapis.com.evil.example/x',
    'https://user:pw@fcm.googleapis.com/x',
    'https://127.0.0.1/push',
    'https://[::1]/push',
    'https://10.0.0.5/push',
    'not a url',
  ])('refuses %s', (endpoint) => expect(isAllowedPushEndpoint(endpoint, defaultPushServiceHosts)).toBe(false))

  it('takes a host named with or without its port, for a push service of one’s own', () => {
    expect(isAllowedPushEndpoint('https://127.0.0.1:4443/push/x', ['127.0.0.1'])).toBe(true)
    expect(isAllowedPushEndpoint('https://127.0.0.1:4443/push/x', ['127.0.0.1:4443'])).toBe(true)
    expect(isAllowedPushEndpoint('https://127.0.0.1:4444/push/x', ['127.0.0.1:4443'])).toBe(false)
  })
})
