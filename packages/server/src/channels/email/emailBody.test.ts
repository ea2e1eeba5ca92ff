import { describe, expect, it } from 'vitest'
import { escapeHtml } from '@liaison/core'
import { emailHtml, emailText, unsubscribeLabel } from './emailBody.ts'

describe('the e-mail body', () => {
  const input = {
    language: 'nl-BE',
    subject: 'Brand <Antwerpen> & "rook"',
    text: 'Sluit ramen.\r\nBlijf binnen.\n\nMeer: https://alert.example/a/1?x=1&y=2.\n<script>alert(1)</script>',
    unsubscribeUrl: 'https://alert.example/u/1?t="x"',
  }

  it('escapes every character that could be markup', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })

  it('builds the HTML from the text only: paragraphs, line breaks, links, escaped, in its language', () => {
    const html = emailHtml(input)
    expect(html).toContain('<html lang="nl-BE" dir="ltr">')
    expect(html).toContain('<title>Brand &lt;Antwerpen&gt; &amp; &quot;rook&quot;</title>')
    expect(html).toContain('<p style="margin:0 0 16px">Sluit ramen.<br>\nBlijf binnen.</p>')
    expect(html).toContain(
      '<a href="https://alert.example/a/1?x=1&amp;y=2">https://alert.example/a/1?x=1&amp;y=2</a>.<br>',
    )
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain('<script>')
    expect(html).toContain(
      '<a href="https://alert.example/u/1?t=&quot;x&quot;" style="color:#0b4f9c">Afmelden</a>',
    )
  })

  it('writes right-to-left languages so, and leaves the footer out without an address', () => {
    const html = emailHtml({ ...input, language: 'ar', unsubscribeUrl: undefined })
    expect(html).toContain('<html lang="ar" dir="rtl">')
    expect(html).not.toContain('<hr')
  })

  it('ends the text part with the unsubscribe line in its language, English for others', () => {
    expect(emailText({ ...input, language: 'fr', text: 'Restez chez vous.\n' })).toBe(
      'Restez chez vous.\n\n-- \nSe désinscrire: https://alert.example/u/1?t="x"\n',
    )
    expect(emailText({ ...input, unsubscribeUrl: undefined, text: 'a\r\nb' })).toBe('a\nb\n')
    expect([unsubscribeLabel('de-LU'), unsubscribeLabel('lb'), unsubscribeLabel('NL')]).toEqual([
      'Abmelden',
      'Unsubscribe',
      'Afmelden',
    ])
  })
})
