import type { AlertTemplateContent, CapInfo, Country } from '@liaison/core'

type Texts = readonly [headline: string, shortText: string, description: string, instruction: string]

/** One info block per language, the texts given, everything else shared (as the composer writes it). */
function blocks(
  shared: Omit<CapInfo, 'language' | 'headline' | 'description' | 'instruction' | 'parameter'>,
  texts: Readonly<Record<'fr' | 'nl' | 'de' | 'en', Texts>>,
): CapInfo[] {
  return (['fr', 'nl', 'de', 'en'] as const).map((language) => {
    const [headline, shortText, description, instruction] = texts[language]
    return {
      ...shared,
      language,
      headline,
      description,
      instruction,
      parameter: [{ valueName: 'shortText', value: shortText }],
    }
  })
}

const countryArea: Record<Country, { areaDesc: string; code: string }> = {
  BE: { areaDesc: 'Belgique – België – Belgien', code: 'BE' },
  NL: { areaDesc: 'Nederland', code: 'NL' },
  LU: { areaDesc: 'Lëtzebuerg – Luxembourg – Luxemburg', code: 'LU' },
}

const warningName: Record<Country, string> = { BE: 'BE-Alert', NL: 'NL-Alert', LU: 'LU-Alert' }

/**
 * The three templates of a demo centre (issue 10): a chemical fire (close windows and doors), a
 * flood (go upstairs or leave) and the monthly test, in French, Dutch, German and English, with
 * placeholders for what changes each time. The area of the first two is drawn by the author; the
 * test covers the whole country.
 */
export function demoAlertTemplates(
  country: Country,
  sender: string,
): { readonly name: string; readonly content: AlertTemplateContent }[] {
  const name = warningName[country]
  return [
    {
      name: 'Incendie chimique – fermez portes et fenêtres',
      content: {
        status: 'Actual',
        sender,
        scope: 'Public',
        channels: ['sms', 'cell-broadcast', 'push', 'feed'],
        info: blocks(
          {
            category: ['Fire', 'CBRNE'],
            event: 'Incendie chimique / Chemische brand / Chemiebrand / Chemical fire',
            responseType: ['Shelter'],
            urgency: 'Immediate',
            severity: 'Severe',
            certainty: 'Observed',
            eventCode: [],
            resource: [],
            area: [],
          },
          {
            fr: [
              'Incendie à {{place}} : fermez portes et fenêtres',
              '{{place}} : incendie, fumée. Restez à l’intérieur, fermez portes et fenêtres, coupez la ventilation.',
              'Un incendie à {{place}} dégage une fumée qui peut être nocive.',
              'Restez à l’intérieur. Fermez portes et fenêtres et coupez la ventilation. Suivez {{site}}.',
            ],
            nl: [
              'Brand in {{place}}: sluit ramen en deuren',
              '{{place}}: brand, rook. Blijf binnen, sluit ramen en deuren, zet ventilatie uit.',
              'Een brand in {{place}} veroorzaakt rook die schadelijk kan zijn.',
              'Blijf binnen. Sluit ramen en deuren en zet de ventilatie uit. Volg {{site}}.',
            ],
            de: [
              'Brand in {{place}}: Fenster und Türen schließen',
              '{{place}}: Brand, Rauch. Bleiben Sie drinnen, Fenster und Türen zu, Lüftung aus.',
              'Ein Brand in {{place}} verursacht Rauch, der schädlich sein kann.',
              'Bleiben Sie drinnen. Schließen Sie Fenster und Türen und schalten Sie die Lüftung aus. Folgen Sie {{site}}.',
            ],
            en: [
              'Fire in {{place}}: close windows and doors',
              '{{place}}: fire, smoke. Stay indoors, close windows and doors, turn off ventilation.',
              'A fire in {{place}} is giving off smoke that may be harmful.',
              'Stay indoors. Close windows and doors and turn off ventilation. Follow {{site}}.',
            ],
          },
        ),
      },
    },
    {
      name: 'Inondation – montez à l’étage ou partez',
      content: {
        status: 'Actual',
        sender,
        scope: 'Public',
        channels: ['sms', 'cell-broadcast', 'push', 'feed'],
        info: blocks(
          {
            category: ['Met', 'Safety'],
            event: 'Inondation / Overstroming / Hochwasser / Flood',
            responseType: ['Evacuate', 'Shelter'],
            urgency: 'Expected',
            severity: 'Severe',
            certainty: 'Likely',
            eventCode: [],
            resource: [],
            area: [],
          },
          {
            fr: [
              'Inondation : {{river}} en crue à {{place}}',
              '{{river}} en crue à {{place}}. Montez à l’étage ou quittez la zone. N’entrez pas dans l’eau.',
              'Le niveau de {{river}} monte rapidement à {{place}}; des rues et des caves vont être inondées.',
              'Montez à l’étage ou quittez la zone si vous le pouvez encore sans danger. Ne vous déplacez pas dans l’eau.',
            ],
            nl: [
              'Overstroming: hoogwater op {{river}} in {{place}}',
              'Hoogwater {{river}} in {{place}}. Ga naar boven of verlaat het gebied. Ga niet het water in.',
              'Het water van {{river}} stijgt snel in {{place}}; straten en kelders lopen onder.',
              'Ga naar een hogere verdieping of verlaat het gebied als dat nog veilig kan. Loop of rijd niet door het water.',
            ],
            de: [
              'Hochwasser: {{river}} tritt in {{place}} über die Ufer',
              'Hochwasser {{river}} in {{place}}. Gehen Sie nach oben oder verlassen Sie das Gebiet.',
              'Der Pegel von {{river}} steigt in {{place}} schnell; Straßen und Keller werden überflutet.',
              'Gehen Sie in ein oberes Stockwerk oder verlassen Sie das Gebiet, solange das sicher geht. Gehen Sie nicht ins Wasser.',
            ],
            en: [
              'Flood: {{river}} rising in {{place}}',
              '{{river}} flooding in {{place}}. Go upstairs or leave the area. Do not enter the water.',
              'The {{river}} is rising quickly in {{place}}; streets and cellars will flood.',
              'Go upstairs, or leave the area while it is still safe. Do not walk or drive through water.',
            ],
          },
        ),
      },
    },
    {
      name: `Test mensuel ${name}`,
      content: {
        status: 'Test',
        sender,
        scope: 'Public',
        channels: ['cell-broadcast', 'feed'],
        info: blocks(
          {
            category: ['Other'],
            event: `${name} test`,
            responseType: ['None'],
            urgency: 'Unknown',
            severity: 'Unknown',
            certainty: 'Unknown',
            eventCode: [],
            resource: [],
            area: [
              {
                areaDesc: countryArea[country].areaDesc,
                polygon: [],
                circle: [],
                geocode: [{ valueName: 'ISO 3166-2', value: countryArea[country].code }],
              },
            ],
          },
          {
            fr: [
              `Test ${name} du {{date}}`,
              `Ceci est un test de ${name}, le {{date}}. Vous n’avez rien à faire.`,
              `Le test mensuel de ${name} a lieu le {{date}}.`,
              'Vous n’avez rien à faire.',
            ],
            nl: [
              `${name}-test van {{date}}`,
              `Dit is een test van ${name} op {{date}}. U hoeft niets te doen.`,
              `De maandelijkse test van ${name} vindt plaats op {{date}}.`,
              'U hoeft niets te doen.',
            ],
            de: [
              `${name}-Test vom {{date}}`,
              `Dies ist ein Test von ${name} am {{date}}. Sie müssen nichts tun.`,
              `Der monatliche Test von ${name} findet am {{date}} statt.`,
              'Sie müssen nichts tun.',
            ],
            en: [
              `${name} test of {{date}}`,
              `This is a test of ${name} on {{date}}. You need not do anything.`,
              `The monthly test of ${name} takes place on {{date}}.`,
              'You need not do anything.',
            ],
          },
        ),
      },
    },
  ]
}
