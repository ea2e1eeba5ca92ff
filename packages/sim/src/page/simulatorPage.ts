import type { ReceivedBroadcast } from '../broadcast/SimulatedBroadcastCentre.ts'
import type { ReceivedPush } from '../push/PushEndpoint.ts'
import type { SmscMessage } from '../smsc/SimulatedSmsc.ts'
import type { ReceivedMail } from '../smtp/SmtpSink.ts'
import { escapeHtml } from '@liaison/core'

/** What the page shows: each simulated network's received messages, as its simulator keeps them. */
export interface SimulatedNetworks {
  readonly smsc?: { received(): readonly SmscMessage[] }
  readonly smtp?: { readonly messages: readonly ReceivedMail[] }
  readonly push?: { readonly received: readonly ReceivedPush[] }
  readonly broadcast?: { readonly received: readonly ReceivedBroadcast[] }
}

/** The newest messages each section shows; the JSON holds them all. */
export const pageRows = 100

/** What each network received, newest first, as plain records (the page's JSON, and its rows). */
export function receivedByNetworks(networks: SimulatedNetworks) {
  const newestFirst = <T extends { at: Date }>(items: readonly T[]) =>
    [...items].sort((a, b) => b.at.getTime() - a.at.getTime())
  return {
    sms: newestFirst(networks.smsc?.received() ?? []).map((m) => ({
      at: m.at.toISOString(),
      from: m.from,
      to: m.to,
      text: m.text,
      encoding: m.encoding,
      parts: m.parts,
    })),
    email: newestFirst(networks.smtp?.messages ?? []).map((m) => ({
      at: m.at.toISOString(),
      from: m.mailFrom,
      to: [...m.rcptTo],
      subject: m.parsed.subject ?? '',
      text: m.parsed.text ?? '',
    })),
    push: newestFirst(networks.push?.received ?? []).map((p) => ({
      at: p.at.toISOString(),
      endpoint: p.endpoint,
      payload: p.plaintext,
      urgency: p.urgency,
    })),
    broadcast: newestFirst(networks.broadcast?.received ?? []).map((b) => ({
      at: b.at.toISOString(),
      identifier: b.identifier,
      status: b.status,
      msgType: b.msgType,
      cells: b.cells.length,
      texts: b.texts.map((t) => ({ language: t.language, messageId: t.messageId, text: t.pages.join('') })),
    })),
  }
}

function section(
  title: string,
  offered: boolean,
  heads: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  if (!offered) return `<section><h2>${title}</h2><p>Not running in this demo.</p></section>`
  const body =
    rows.length === 0
      ? '<p>Nothing received yet.</p>'
      : `<table><thead><tr>${heads.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows
          .slice(0, pageRows)
          .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`
  return `<section><h2>${title} <span class="count">(${rows.length})</span></h2>${body}</section>`
}

/**
 * The simulators' page: what each network received (the SMSC's messages, the SMTP sink's mails,
 * the push endpoint's pushes, the broadcast centre's broadcasts), newest first, in English (it is
 * a developer's and a demo presenter's page). No script: it refreshes itself every 5 s.
 */
export function simulatorPage(networks: SimulatedNetworks): string {
  const got = receivedByNetworks(networks)
  const sections = [
    section(
      'SMS (simulated SMSC)',
      networks.smsc !== undefined,
      ['time', 'to', 'from', 'text', 'parts'],
      got.sms.map((m) => [m.at.slice(11, 19), m.to, m.from, m.text, `${m.parts} (${m.encoding})`]),
    ),
    section(
      'E-mail (SMTP sink)',
      networks.smtp !== undefined,
      ['time', 'to', 'subject', 'text'],
      got.email.map((m) => [m.at.slice(11, 19), m.to.join(', '), m.subject, m.text]),
    ),
    section(
      'Web Push (push endpoint)',
      networks.push !== undefined,
      ['time', 'endpoint', 'payload'],
      got.push.map((p) => [p.at.slice(11, 19), p.endpoint, p.payload]),
    ),
    section(
      'Cell broadcast (broadcast centre)',
      networks.broadcast !== undefined,
      ['time', 'alert', 'cells', 'texts'],
      got.broadcast.map((b) => [
        b.at.slice(11, 19),
        `${b.msgType} ${b.status} ${b.identifier}`,
        String(b.cells),
        b.texts.map((t) => `[${t.language} ${t.messageId}] ${t.text}`).join(' · '),
      ]),
    ),
  ]
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="5"><title>Liaison simulated networks</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:1rem;color:#1b1f24}table{border-collapse:collapse;width:100%}th,td{border:1px solid #8a96a3;padding:.25rem .4rem;text-align:left;vertical-align:top;white-space:pre-wrap;overflow-wrap:anywhere}th{background:#e6eef5}.count{font-weight:400;color:#4a5560}</style></head>
<body><h1>Simulated networks</h1><p>What the operators' networks of the demo received, newest first (times in UTC); the page refreshes every 5 s. <a href="/received.json">As JSON</a>.</p>
${sections.join('\n')}
</body></html>`
}
