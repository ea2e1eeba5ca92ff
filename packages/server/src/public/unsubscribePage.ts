import { escapeHtml } from '@liaison/core'
/**
 * The page an unsubscribe link opens: a button (a link preview or a mail scanner that only GETs
 * unsubscribes no one), in the four languages at once since the page does not know the person's.
 */
export function unsubscribePage(centre: string, done = false): string {
  const name = escapeHtml(centre)
  const body = done
    ? `<p>Unsubscribed. · Désinscrit. · Uitgeschreven. · Abgemeldet.</p>`
    : `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe · Se désinscrire · Uitschrijven · Abmelden</button></form>`
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${name}</title></head><body><h1>${name}</h1>${body}</body></html>`
}
