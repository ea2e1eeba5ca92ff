import { escapeHtml } from '@liaison/core'
import { textDirection } from '../textDirection.ts'

/** The words of the unsubscribe link at the foot of every e-mail, by language (English otherwise). */
export const unsubscribeLinkLabels: Readonly<Record<string, string>> = {
  en: 'Unsubscribe',
  fr: 'Se désinscrire',
  nl: 'Afmelden',
  de: 'Abmelden',
}

export function unsubscribeLabel(language: string): string {
  return unsubscribeLinkLabels[language.split('-')[0]!.toLowerCase()] ?? unsubscribeLinkLabels['en']!
}

const urlPattern = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g

/** A line of text as HTML: escaped, its http(s) addresses made links. */
function lineHtml(line: string): string {
  let html = ''
  let last = 0
  for (const match of line.matchAll(urlPattern)) {
    html += escapeHtml(line.slice(last, match.index))
    html += `<a href="${escapeHtml(match[0])}">${escapeHtml(match[0])}</a>`
    last = match.index + match[0].length
  }
  return html + escapeHtml(line.slice(last))
}

export interface EmailBodyInput {
  readonly language: string
  readonly subject: string
  readonly text: string
  readonly unsubscribeUrl?: string | undefined
}

/** The plain-text part: the text, then the unsubscribe line with its address. */
export function emailText(input: EmailBodyInput): string {
  const text = input.text.replace(/\r\n?/g, '\n').trimEnd()
  return input.unsubscribeUrl
    ? `${text}\n\n-- \n${unsubscribeLabel(input.language)}: ${input.unsubscribeUrl}\n`
    : `${text}\n`
}

/**
 * The HTML part, built from the text and nothing else (no markup of anyone's comes through):
 * a heading, a paragraph per blank-line-separated block, line breaks kept, addresses as links,
 * the unsubscribe link at the foot; the language and direction on the document, large type,
 * high contrast and no images, so it reads the same in a screen reader and a plain client.
 */
export function emailHtml(input: EmailBodyInput): string {
  const language = escapeHtml(input.language)
  const paragraphs = input.text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)
    .map((block) => `<p style="margin:0 0 16px">${block.split('\n').map(lineHtml).join('<br>\n')}</p>`)
  const footer = input.unsubscribeUrl
    ? `<hr style="border:0;border-top:1px solid #767676;margin:24px 0 16px">\n<p style="margin:0;font-size:14px"><a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#0b4f9c">${escapeHtml(unsubscribeLabel(input.language))}</a></p>\n`
    : ''
  return `<!DOCTYPE html>
<html lang="${language}" dir="${textDirection(input.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.subject)}</title>
</head>
<body style="margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3">${escapeHtml(input.subject)}</h1>
${paragraphs.join('\n')}
${footer}</body>
</html>
`
}
