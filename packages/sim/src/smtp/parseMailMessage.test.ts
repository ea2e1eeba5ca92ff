import { describe, expect, it } from 'vitest'
import { decodeEncodedWords, parseMailMessage, quotedPrintable } from './parseMailMessage.ts'

const message = [
  'From: Centre de crise <alert@crisis.example>',
  'To: marie@example.be',
  'Subject: =?UTF-8?Q?Alerte_=C3=A0_Li=C3=A8ge?=',
  'List-Unsubscribe: <https://alert.example/u/abc>,',
  ' <mailto:unsubscribe@crisis.example?subject=abc>',
  'Message-ID: <0190@crisis.example>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="--_b1"',
  '',
  'This is a multi-part message in MIME format.',
  '----_b1',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Restez =C3=A0 l=E2=80=99int=C3=A9rieur, fermez portes et fen=C3=AAtres. Une lig=',
  'ne coup=C3=A9e.',
  '----_b1',
  'Content-Type: text/html; charset=utf-8',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('<p>Restez à l’intérieur</p>').toString('base64'),
  '----_b1--',
  '',
].join('\r\n')

describe('parseMailMessage', () => {
  it('reads the headers unfolded and decoded, and both parts of a multipart message', () => {
    const mail = parseMailMessage(Buffer.from(message, 'utf8'))
    expect(mail.subject).toBe('Alerte à Liège')
    expect(mail.header('list-unsubscribe')).toBe(
      '<https://alert.example/u/abc>, <mailto:unsubscribe@crisis.example?subject=abc>',
    )
    expect(mail.header('Message-ID')).toBe('<0190@crisis.example>')
    expect(mail.text).toBe('Restez à l’intérieur, fermez portes et fenêtres. Une ligne coupée.')
    expect(mail.html).toBe('<p>Restez à l’intérieur</p>')
    expect(mail.parts.map((p) => p.contentType)).toEqual(['text/plain', 'text/html'])
  })

  it('reads a message that is not multipart, and one with 8-bit UTF-8 headers', () => {
    const mail = parseMailMessage(Buffer.from('Subject: Waarschuwing für Eupen\r\n\r\nHallo\r\n', 'utf8'))
    expect(mail.subject).toBe('Waarschuwing für Eupen')
    expect(mail.text).toBe('Hallo\r\n')
    expect(mail.html).toBeUndefined()
  })

  it('decodes encoded words (B and Q, adjacent words joined) and quoted-printable', () => {
    expect(decodeEncodedWords('=?UTF-8?B?w6l0w6k=?= =?UTF-8?Q?_=C3=A0?= x')).toBe('été à x')
    expect(quotedPrintable('a=3Db =\r\nc').toString()).toBe('a=b c')
  })
})
