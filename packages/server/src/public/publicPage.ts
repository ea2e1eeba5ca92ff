import { createHash } from 'node:crypto'
import type { CapAlert, CapAreaFeatureCollection, CapInfo, CapSeverity, Country } from '@liaison/core'
import { alertMapSvg, beneluxOutlineSymbol } from './publicAlertMap.ts'
import type { PublicLanguage } from './publicLanguage.ts'
import { centreLanguages, publicLanguages } from './publicLanguage.ts'
import { escapeHtml } from '@liaison/core'

interface PageText {
  readonly languageName: string
  readonly lead: string
  readonly languagesLabel: string
  readonly alertsHeading: string
  readonly emergency: string
  readonly otherLanguages: string
  readonly noAlerts: string
  readonly severity: string
  readonly area: string
  readonly whatToDo: string
  readonly validUntil: string
  readonly untilFurtherNotice: string
  readonly cancelled: string
  readonly mapOf: string
  readonly feed: string
  readonly register: string
  readonly severities: Readonly<Record<CapSeverity, string>>
}

/** The page's words in each of its languages. */
const texts: Readonly<Record<PublicLanguage, PageText>> = {
  fr: {
    languageName: 'Français',
    lead: 'Informations publiques du centre de crise.',
    languagesLabel: 'Langues du centre',
    alertsHeading: 'Alertes à la population',
    emergency: 'En cas d’urgence, appelez le 112.',
    otherLanguages: 'Cette page dans une autre langue',
    noAlerts: 'Aucune alerte n’est en cours.',
    severity: 'Gravité',
    area: 'Zone',
    whatToDo: 'Que faire',
    validUntil: 'Valable jusqu’au',
    untilFurtherNotice: 'jusqu’à nouvel ordre',
    cancelled: 'Fin d’alerte',
    mapOf: 'Carte de la zone',
    feed: 'Les alertes pour les applications et les médias (CAP, Atom)',
    register: 'Recevoir les alertes par SMS, par e-mail ou dans votre navigateur : s’inscrire',
    severities: {
      Extreme: 'Extrême',
      Severe: 'Grave',
      Moderate: 'Modérée',
      Minor: 'Mineure',
      Unknown: 'Inconnue',
    },
  },
  nl: {
    languageName: 'Nederlands',
    lead: 'Publieke informatie van het crisiscentrum.',
    languagesLabel: 'Talen van het centrum',
    alertsHeading: 'Waarschuwingen voor de bevolking',
    emergency: 'Bel bij nood 112.',
    otherLanguages: 'Deze pagina in een andere taal',
    noAlerts: 'Er is geen waarschuwing van kracht.',
    severity: 'Ernst',
    area: 'Gebied',
    whatToDo: 'Wat moet u doen',
    validUntil: 'Geldig tot',
    untilFurtherNotice: 'tot nader order',
    cancelled: 'Einde waarschuwing',
    mapOf: 'Kaart van het gebied',
    feed: 'De waarschuwingen voor apps en media (CAP, Atom)',
    register: 'Waarschuwingen ontvangen per sms, per e-mail of in uw browser: inschrijven',
    severities: {
      Extreme: 'Extreem',
      Severe: 'Ernstig',
      Moderate: 'Matig',
      Minor: 'Gering',
      Unknown: 'Onbekend',
    },
  },
  de: {
    languageName: 'Deutsch',
    lead: 'Öffentliche Informationen des Krisenzentrums.',
    languagesLabel: 'Sprachen des Zentrums',
    alertsHeading: 'Warnungen an die Bevölkerung',
    emergency: 'Im Notfall rufen Sie die 112 an.',
    otherLanguages: 'Diese Seite in einer anderen Sprache',
    noAlerts: 'Derzeit gilt keine Warnung.',
    severity: 'Schwere',
    area: 'Gebiet',
    whatToDo: 'Was zu tun ist',
    validUntil: 'Gültig bis',
    untilFurtherNotice: 'bis auf Weiteres',
    cancelled: 'Entwarnung',
    mapOf: 'Karte des Gebiets',
    feed: 'Die Warnungen für Apps und Medien (CAP, Atom)',
    register: 'Warnungen per SMS, per E-Mail oder im Browser erhalten: anmelden',
    severities: {
      Extreme: 'Extrem',
      Severe: 'Schwer',
      Moderate: 'Mäßig',
      Minor: 'Gering',
      Unknown: 'Unbekannt',
    },
  },
  en: {
    languageName: 'English',
    lead: 'Public information from the crisis centre.',
    languagesLabel: 'Languages of the centre',
    alertsHeading: 'Alerts to the public',
    emergency: 'In an emergency, call 112.',
    otherLanguages: 'This page in another language',
    noAlerts: 'No alert is in force.',
    severity: 'Severity',
    area: 'Area',
    whatToDo: 'What to do',
    validUntil: 'Valid until',
    untilFurtherNotice: 'until further notice',
    cancelled: 'Alert ended',
    mapOf: 'Map of the area',
    feed: 'The alerts for apps and media (CAP, Atom)',
    register: 'Receive the warnings by text message, e-mail or in your browser: register',
    severities: {
      Extreme: 'Extreme',
      Severe: 'Severe',
      Moderate: 'Moderate',
      Minor: 'Minor',
      Unknown: 'Unknown',
    },
  },
}

/** The page's only style, allowed by its hash in the Content-Security-Policy (no other inline code). */
export const publicPageStyle =
  'body{font:1.0625rem/1.5 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fff}' +
  'header{background:#0b3d63;color:#fff;padding:1rem 1.5rem}h1{margin:0;font-size:1.5rem}' +
  'main{padding:1rem 1.5rem;max-width:48rem}a{color:#0b3d63}nav ul{list-style:none;padding:0}' +
  'nav li{display:inline;margin-right:1rem}.emergency{font-weight:700}' +
  'article{border-left:.375rem solid #c0392b;padding:.25rem 0 .25rem 1rem;margin:1.5rem 0}' +
  'article.ended{border-color:#56606b}h3{margin:.25rem 0;font-size:1.25rem}' +
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}dt{font-weight:700}dd{margin:0}' +
  '.map{max-width:100%;height:auto;display:block}'

export const publicPageStyleHash = `'sha256-${createHash('sha256').update(publicPageStyle).digest('base64')}'`

/** An alert as the page shows it: from the public alerts table, never from the duty desk's. */
export interface PageAlert {
  readonly cap: CapAlert
  readonly areas: CapAreaFeatureCollection
  readonly expires: Date | null
}

/** The info block in the reader's language (`nl-BE` counts as `nl`), else the first. */
export function infoFor(cap: CapAlert, language: PublicLanguage): CapInfo | undefined {
  return cap.info.find((i) => (i.language ?? 'en-US').toLowerCase().split('-')[0] === language) ?? cap.info[0]
}

/** When an alert ends, in the reader's language, on Benelux time. */
function validUntil(expires: Date | null, language: PublicLanguage): string {
  if (expires === null) return texts[language].untilFurtherNotice
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  }).format(expires)
}

function alertArticle(alert: PageAlert, language: PublicLanguage, index: number): string {
  const t = texts[language]
  const info = infoFor(alert.cap, language)
  if (!info) return ''
  const lang = escapeHtml(info.language ?? 'en-US')
  const ended = alert.cap.msgType === 'Cancel'
  const headline = escapeHtml(info.headline ?? info.event)
  const areas = info.area.map((a) => escapeHtml(a.areaDesc)).join(', ')
  const id = `alert-${index}`
  const rows = [
    `<dt>${t.severity}</dt><dd>${t.severities[info.severity]}</dd>`,
    `<dt>${t.area}</dt><dd lang="${lang}">${areas}</dd>`,
    info.instruction ? `<dt>${t.whatToDo}</dt><dd lang="${lang}">${escapeHtml(info.instruction)}</dd>` : '',
    `<dt>${t.validUntil}</dt><dd>${escapeHtml(validUntil(alert.expires, language))}</dd>`,
  ]
  return `<article${ended ? ' class="ended"' : ''} aria-labelledby="${id}" data-testid="public-alert">
<h3 id="${id}" lang="${lang}">${headline}</h3>
${ended ? `<p><strong>${t.cancelled}</strong></p>` : ''}
${info.description ? `<p lang="${lang}">${escapeHtml(info.description)}</p>` : ''}
<dl>${rows.join('')}</dl>
${alertMapSvg(alert.areas, `${t.mapOf}: ${info.area.map((a) => a.areaDesc).join(', ')}`)}
</article>`
}

/**
 * The alerts in the order the page shows them: those in force first, then the ended ones (a
 * Cancel stays listed until it expires), each group in the order given (newest first), whatever
 * the `sent` times say: a Cancel sent after an alert must not push it down the page.
 */
export function pageOrder<A extends Pick<PageAlert, 'cap'>>(alerts: readonly A[]): A[] {
  const ended = (a: A) => (a.cap.msgType === 'Cancel' ? 1 : 0)
  return [...alerts].sort((a, b) => ended(a) - ended(b))
}

/**
 * The public page of the centre, in one language: its name, its languages, the alerts in force
 * (headline, severity, areas, what to do, until when, a small map), the feed's address. No script.
 */
export function publicPage(
  centre: { name: string; country: Country },
  language: PublicLanguage,
  alerts: readonly PageAlert[] = [],
  options: { readonly registration?: boolean } = {},
): string {
  const t = texts[language]
  const spoken = centreLanguages[centre.country].map((l) => texts[l].languageName).join(', ')
  const others = publicLanguages
    .filter((l) => l !== language)
    .map((l) => `<li><a href="/?lang=${l}" hreflang="${l}" lang="${l}">${texts[l].languageName}</a></li>`)
    .join('')
  const list =
    alerts.length === 0
      ? `<p data-testid="no-alerts">${t.noAlerts}</p>`
      : beneluxOutlineSymbol() +
        pageOrder(alerts)
          .map((a, i) => alertArticle(a, language, i + 1))
          .join('\n')
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(centre.name)}</title><style>${publicPageStyle}</style>
<link rel="alternate" type="application/atom+xml" href="/feed.atom" title="${t.feed}"></head>
<body><header><h1 data-testid="centre-name">${escapeHtml(centre.name)}</h1><p>${t.lead}</p></header>
<main><p>${t.languagesLabel}: <span data-testid="centre-languages">${spoken}</span></p>
<h2>${t.alertsHeading}</h2>
${list}
<p class="emergency">${t.emergency}</p>
${options.registration ? `<p><a href="/register?lang=${language}" data-testid="register-link">${t.register}</a></p>` : ''}
<p><a href="/feed.atom" type="application/atom+xml">${t.feed}</a></p>
<nav aria-label="${t.otherLanguages}"><h2>${t.otherLanguages}</h2><ul>${others}</ul></nav></main></body></html>`
}
