import { escapeHtml } from '@liaison/core'
/**
 * The page an acknowledgement link opens: a button, so that a link preview or a mail scanner
 * (which only GET) acknowledges nothing; in the four languages at once.
 */
export function acknowledgePageView(centre: string, state: 'ask' | 'done' | 'already'): string {
  const name = escapeHtml(centre)
  const body =
    state === 'done'
      ? `<p>Acknowledged. · Acquitté. · Bevestigd. · Quittiert.</p>`
      : state === 'already'
        ? `<p>Already acknowledged. · Déjà acquitté. · Al bevestigd. · Bereits quittiert.</p>`
        : `<form method="post"><button type="submit">Acknowledge · Acquitter · Bevestigen · Quittieren</button></form>`
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${name}</title></head><body><h1>${name}</h1>${body}</body></html>`
}
