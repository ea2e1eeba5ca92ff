/** The languages a message to a citizen is written in; another falls back to the first. */
export const citizenLanguages = ['fr', 'nl', 'de', 'en'] as const
export type CitizenLanguage = (typeof citizenLanguages)[number]

/** The first of a subscriber's languages (BCP 47 tags, in order) that Liaison writes in, else English. */
export function citizenLanguageOf(languages: readonly string[]): CitizenLanguage {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0]
    const found = citizenLanguages.find((l) => l === base)
    if (found) return found
  }
  return 'en'
}

interface Words {
  readonly code: (centre: string, code: string, minutes: number) => string
  readonly codeSubject: (centre: string) => string
  readonly welcome: (centre: string, code: string, manageUrl: string, leaveUrl: string) => string
  readonly welcomeSubject: (centre: string) => string
}

const words: Record<CitizenLanguage, Words> = {
  en: {
    code: (centre, code, minutes) =>
      `${centre}: your confirmation code is ${code}. It is valid for ${minutes} minutes. If you did not register for public warnings, ignore this message.`,
    codeSubject: (centre) => `${centre}: your confirmation code`,
    welcome: (centre, code, manageUrl, leaveUrl) =>
      `${centre}: your municipality registered this address for public warnings. To confirm, enter the code ${code} at ${manageUrl}; there you can also change your places and languages. To leave: ${leaveUrl} or reply STOP.`,
    welcomeSubject: (centre) => `${centre}: you are registered for public warnings`,
  },
  fr: {
    code: (centre, code, minutes) =>
      `${centre} : votre code de confirmation est ${code}. Il est valable ${minutes} minutes. Si vous ne vous êtes pas inscrit aux alertes, ignorez ce message.`,
    codeSubject: (centre) => `${centre} : votre code de confirmation`,
    welcome: (centre, code, manageUrl, leaveUrl) =>
      `${centre} : votre commune a inscrit cette adresse aux alertes à la population. Pour confirmer, entrez le code ${code} sur ${manageUrl} ; vous pourrez y changer vos lieux et vos langues. Pour vous désinscrire : ${leaveUrl} ou répondez STOP.`,
    welcomeSubject: (centre) => `${centre} : vous êtes inscrit aux alertes à la population`,
  },
  nl: {
    code: (centre, code, minutes) =>
      `${centre}: uw bevestigingscode is ${code}. Hij is ${minutes} minuten geldig. Hebt u zich niet ingeschreven voor waarschuwingen, negeer dan dit bericht.`,
    codeSubject: (centre) => `${centre}: uw bevestigingscode`,
    welcome: (centre, code, manageUrl, leaveUrl) =>
      `${centre}: uw gemeente heeft dit adres ingeschreven voor waarschuwingen aan de bevolking. Bevestig met de code ${code} op ${manageUrl}; daar wijzigt u ook uw plaatsen en talen. Uitschrijven: ${leaveUrl} of antwoord STOP.`,
    welcomeSubject: (centre) => `${centre}: u bent ingeschreven voor waarschuwingen`,
  },
  de: {
    code: (centre, code, minutes) =>
      `${centre}: Ihr Bestätigungscode lautet ${code}. Er ist ${minutes} Minuten gültig. Wenn Sie sich nicht für Warnungen angemeldet haben, ignorieren Sie diese Nachricht.`,
    codeSubject: (centre) => `${centre}: Ihr Bestätigungscode`,
    welcome: (centre, code, manageUrl, leaveUrl) =>
      `${centre}: Ihre Gemeinde hat diese Adresse für Warnungen der Bevölkerung angemeldet. Zur Bestätigung geben Sie den Code ${code} auf ${manageUrl} ein; dort ändern Sie auch Ihre Orte und Sprachen. Abmelden: ${leaveUrl} oder antworten Sie STOP.`,
    welcomeSubject: (centre) => `${centre}: Sie sind für Warnungen angemeldet`,
  },
}

export function citizenWords(language: CitizenLanguage): Words {
  return words[language]
}
