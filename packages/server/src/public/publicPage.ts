import { createHash } from 'node:crypto'
import type { Country } from '@liaison/core'
import type { PublicLanguage } from './publicLanguage.ts'
import { centreLanguages, publicLanguages } from './publicLanguage.ts'

interface PageText {
  readonly languageName: string
  readonly lead: string
  readonly languagesLabel: string
  readonly alertsHeading: string
  readonly alertsNote: string
  readonly emergency: string
  readonly otherLanguages: string
}

/** The page's words in each of its languages. */
const texts: Readonly<Record<PublicLanguage, PageText>> = {
  fr: {
    languageName: 'Français',
    lead: 'Informations publiques du centre de crise.',
    languagesLabel: 'Langues du centre',
    alertsHeading: 'Alertes à la population',
    alertsNote:
      'Le flux public des alertes de ce centre sera publié ici. Aucune alerte n’est publiée sur cette page pour l’instant.',
    emergency: 'En cas d’urgence, appelez le 112.',
    otherLanguages: 'Cette page dans une autre langue',
  },
  nl: {
    languageName: 'Nederlands',
    lead: 'Publieke informatie van het crisiscentrum.',
    languagesLabel: 'Talen van het centrum',
    alertsHeading: 'Waarschuwingen voor de bevolking',
    alertsNote:
      'De publieke waarschuwingsfeed van dit centrum wordt hier gepubliceerd. Op deze pagina staan nog geen waarschuwingen.',
    emergency: 'Bel bij nood 112.',
    otherLanguages: 'Deze pagina in een andere taal',
  },
  de: {
    languageName: 'Deutsch',
    lead: 'Öffentliche Informationen des Krisenzentrums.',
    languagesLabel: 'Sprachen des Zentrums',
    alertsHeading: 'Warnungen an die Bevölkerung',
    alertsNote:
      'Der öffentliche Warnfeed dieses Zentrums wird hier veröffentlicht. Auf dieser Seite sind noch keine Warnungen veröffentlicht.',
    emergency: 'Im Notfall rufen Sie die 112 an.',
    otherLanguages: 'Diese Seite in einer anderen Sprache',
  },
  en: {
    languageName: 'English',
    lead: 'Public information from the crisis centre.',
    languagesLabel: 'Languages of the centre',
    alertsHeading: 'Alerts to the public',
    alertsNote:
      'The public alert feed of this centre will be published here. No alert is published on this page yet.',
    emergency: 'In an emergency, call 112.',
    otherLanguages: 'This page in another language',
  },
}

/** The page's only style, allowed by its hash in the Content-Security-Policy (no other inline code). */
export const publicPageStyle =
  'body{font:1.0625rem/1.5 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fff}' +
  'header{background:#0b3d63;color:#fff;padding:1rem 1.5rem}h1{margin:0;font-size:1.5rem}' +
  'main{padding:1rem 1.5rem;max-width:48rem}a{color:#0b3d63}nav ul{list-style:none;padding:0}' +
  'nav li{display:inline;margin-right:1rem}.emergency{font-weight:700}'

export const publicPageStyleHash = `'sha256-${createHash('sha256').update(publicPageStyle).digest('base64')}'`

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The public page of the centre, in one language: its name, its languages, where alerts will be. */
export function publicPage(centre: { name: string; country: Country }, language: PublicLanguage): string {
  const t = texts[language]
  const spoken = centreLanguages[centre.country].map((l) => texts[l].languageName).join(', ')
  const others = publicLanguages
    .filter((l) => l !== language)
    .map((l) => `<li><a href="/?lang=${l}" hreflang="${l}" lang="${l}">${texts[l].languageName}</a></li>`)
    .join('')
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(centre.name)}</title><style>${publicPageStyle}</style></head>
<body><header><h1 data-testid="centre-name">${escapeHtml(centre.name)}</h1><p>${t.lead}</p></header>
<main><p>${t.languagesLabel}: <span data-testid="centre-languages">${spoken}</span></p>
<h2>${t.alertsHeading}</h2><p data-testid="alerts-note">${t.alertsNote}</p>
<p class="emergency">${t.emergency}</p>
<nav aria-label="${t.otherLanguages}"><h2>${t.otherLanguages}</h2><ul>${others}</ul></nav></main></body></html>`
}
