import { describe, expect, it } from 'vitest'
import { smtpFailure } from './smtpFailure.ts'

const rcpt = (responseCode: number, response: string) => ({
  code: 'EENVELOPE',
  command: 'RCPT TO',
  responseCode,
  response,
})

describe('smtpFailure', () => {
  it.each([
    ['550 user unknown at RCPT', rcpt(550, '550 5.1.1 <a@b>: user unknown'), 'gone'],
    ['551 at RCPT', rcpt(551, '551 5.1.6 moved'), 'gone'],
    ['a 5.1.x enhanced status at RCPT', rcpt(554, '554 5.1.10 null MX'), 'gone'],
    ['554 policy at RCPT', rcpt(554, '554 5.7.1 relay denied'), 'failed'],
    [
      '552 at DATA',
      { code: 'EMESSAGE', command: 'DATA', responseCode: 552, response: '552 too big' },
      'failed',
    ],
    [
      '550 at MAIL FROM (our sender refused)',
      { code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 553, response: '553 5.7.1 sender' },
      'failed',
    ],
    ['451 at RCPT', rcpt(451, '451 4.3.0 later'), 'retry'],
    ['421 closing', { code: 'EPROTOCOL', responseCode: 421, response: '421 shutting down' }, 'retry'],
    ['a refused connection', { code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:25' }, 'retry'],
    ['a timeout', { code: 'ETIMEDOUT', message: 'Greeting never received' }, 'retry'],
    [
      'STARTTLS refused',
      { code: 'EPROTOCOL', command: 'STARTTLS', responseCode: 500, response: '500 no' },
      'failed',
    ],
    ['bad credentials', { code: 'EAUTH', responseCode: 535, response: '535 5.7.8 invalid' }, 'failed'],
  ])('%s', (_name, error, kind) => {
    expect(smtpFailure(error).kind).toBe(kind)
  })

  it('keeps the server’s words, from the rejected recipient when nodemailer lists it apart', () => {
    expect(
      smtpFailure({
        code: 'EENVELOPE',
        message: 'Can not send mail to any recipient',
        rejectedErrors: [{ command: 'RCPT TO', responseCode: 550, response: '550 5.1.1 nobody' }],
      }),
    ).toEqual({ kind: 'gone', reason: '550 5.1.1 nobody' })
    expect(smtpFailure(new Error('boom'))).toEqual({ kind: 'retry', reason: 'boom' })
  })
})
