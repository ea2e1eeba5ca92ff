import type { Discipline, LogSource, Principal, Role } from '@liaison/core'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import { appendLogEntry } from '../actions/appendLogEntry.ts'
import { createTask, recordDecision } from '../actions/caseWork.ts'
import { openCase } from '../actions/openCase.ts'
import { approveSitrep, draftSitrep } from '../actions/sitreps.ts'
import { activatePlan, savePlan } from '../actions/directory.ts'
import { setRotation } from '../actions/duty.ts'
import { uploadPlanDocument } from '../actions/uploadPlanDocument.ts'
import { findUserRow } from '../store/identity/userRows.ts'
import { hasLogEntries } from '../store/cases/caseRows.ts'
import { demoPdf } from './demoPdf.ts'

type Line = readonly [minutesAgo: number, discipline: Discipline, source: LogSource, text: string]

interface DemoCase {
  readonly kind: 'incident' | 'planned-event'
  readonly status: 'actual' | 'exercise'
  readonly type: string
  readonly title: string
  readonly description: string
  readonly severity: 'minor' | 'moderate' | 'major' | 'critical'
  readonly location: { lon: number; lat: number }
  readonly startsInMinutes: number
  readonly hours: number
  readonly disciplines: Discipline[]
  readonly scaling: { doctrine: 'BE' | 'NL' | 'LU'; level: string }
  readonly participants: string[]
  readonly log: readonly Line[]
  /** Tasks: title, assignee code, minutes until due (negative: overdue). */
  readonly tasks?: readonly (readonly [string, string, number])[]
  readonly decision?: readonly [text: string, by: string, why: string]
  readonly sitrep?: boolean
}

interface DemoPlan {
  readonly title: string
  readonly scope: string
  readonly area: string
  readonly version: string
  readonly validUntil: string
  /** The title of the demo case that activated it, if any. */
  readonly activatedBy?: string
  /** The lines of its (one-page) document. */
  readonly summary: readonly string[]
}

const plansByNode: Record<string, readonly DemoPlan[]> = {
  be: [
    {
      title: 'PPUI SEVESO Basse-Meuse',
      scope: 'Sites SEVESO seuil haut de la Basse-Meuse: incendie, rejet toxique, explosion',
      area: 'Visé, Oupeye, Herstal',
      version: '2025.1',
      validUntil: '2030-12-31',
      activatedBy: 'Incendie industriel à Visé, panache vers Maastricht',
      summary: [
        'Plan particulier d’urgence et d’intervention (PPUI), province de Liège.',
        'Déclenchement: phase provinciale dès un rejet atteignant le domaine public.',
        'Zone de planification d’urgence: 2 km; mise à l’abri dans l’axe du panache.',
        'Postes: CoPI au parc à conteneurs d’Oupeye; comité de coordination au Palais provincial.',
        'Pays voisins: informer le LOCC (NL) via le NCCN dès que le panache franchit la frontière.',
      ],
    },
    {
      title: 'Plan d’urgence nucléaire et radiologique pour le territoire belge',
      scope: 'Accident nucléaire ou radiologique en Belgique ou à proximité',
      area: 'Belgique',
      version: '2018 (AR 1er mars 2018)',
      validUntil: '2028-03-01',
      summary: [
        'Gestion de crise en phase fédérale, coordonnée par le Centre de crise national.',
        'Zones de planification: 20 km (mise à l’abri, iode) et 100 km (iode).',
        'Cellule d’évaluation (CELEVAL), cellule de mesure et cellule d’information.',
      ],
    },
  ],
  nl: [
    {
      title: 'Rampbestrijdingsplan grensoverschrijdende incidenten Zuid-Limburg',
      scope: 'Incidenten in België met effect in Zuid-Limburg: rookpluim, gevaarlijke stoffen',
      area: 'Veiligheidsregio Zuid-Limburg',
      version: '3.2',
      validUntil: '2029-06-30',
      activatedBy: 'Rookpluim brand Visé (BE) boven Eijsden-Margraten en Maastricht',
      summary: [
        'Opschaling: GRIP 2 bij effect buiten het brongebied, GRIP 4 bij meerdere gemeenten.',
        'Alarmering bevolking via NL-Alert in overleg met het LOCC.',
        'Contact met de provincie Luik via het NCCN en de liaison in het ROT.',
      ],
    },
  ],
  lu: [
    {
      title: 'Plan d’intervention d’urgence Visites officielles',
      scope: 'Visites de chefs d’État et de gouvernement',
      area: 'Ville de Luxembourg',
      version: '2024',
      validUntil: '2027-12-31',
      activatedBy: 'Visite officielle du Premier ministre belge à Luxembourg',
      summary: [
        'Coordination par le HCPN; cellule de crise restreinte en cas d’incident.',
        'Itinéraires protégés et points de rassemblement définis avec la Police grand-ducale.',
      ],
    },
  ],
}

const dayByNode: Record<string, { daily: readonly Line[]; cases: readonly DemoCase[] }> = {
  be: {
    daily: [
      [420, 'multidisciplinary', 'phone', 'Prise de service de nuit: rien à signaler, 3 dossiers en suivi'],
      [
        300,
        'be-d3-police',
        'partner',
        'DirCo Liège: manifestation annoncée samedi à Liège, 500 personnes attendues',
      ],
      [
        180,
        'multidisciplinary',
        'e-mail',
        'IRM: avertissement jaune vent pour les provinces de Liège et Luxembourg à partir de 15h',
      ],
      [
        95,
        'multidisciplinary',
        'phone',
        'Appel du LOCC (NL): demande de contact au sujet du panache de Visé',
      ],
      [
        40,
        'be-d5-information',
        'media',
        'Belga: premières images du panache de fumée au-dessus de la Basse-Meuse',
      ],
    ],
    cases: [
      {
        kind: 'incident',
        status: 'actual',
        type: 'industrial-fire',
        title: 'Incendie industriel à Visé, panache vers Maastricht',
        description:
          'Incendie dans un entrepôt de produits chimiques à Visé (Basse-Meuse), à 3 km de la frontière néerlandaise. Panache orienté nord-est.',
        severity: 'major',
        location: { lon: 5.6986, lat: 50.7394 },
        startsInMinutes: -150,
        hours: 12,
        disciplines: [
          'be-d1-rescue',
          'be-d2-medical',
          'be-d3-police',
          'be-d4-logistics',
          'be-d5-information',
        ],
        scaling: { doctrine: 'BE', level: 'provincial' },
        participants: ['police-federale', 'zone-secours-liege', 'spf-sante', 'gouverneur-liege'],
        log: [
          [
            148,
            'be-d1-rescue',
            'radio',
            'Feu déclaré dans un entrepôt, zone industrielle des Hauts-Sarts Nord, Visé',
          ],
          [140, 'be-d1-rescue', 'radio', 'Renfort demandé: 4 autopompes, 1 camion-citerne, cellule CMIC'],
          [132, 'be-d3-police', 'radio', 'Périmètre d’exclusion de 300 m mis en place'],
          [125, 'be-d1-rescue', 'field', 'Présence confirmée de fûts de solvants; risque d’explosion'],
          [118, 'be-d3-police', 'radio', 'Correction: périmètre porté à 500 m après avis du CMIC'],
          [110, 'be-d2-medical', 'phone', 'PMA installé au hall omnisports de Visé'],
          [104, 'multidisciplinary', 'phone', 'Bourgmestre de Visé: phase communale déclenchée'],
          [
            98,
            'be-d5-information',
            'media',
            'Message aux riverains: fermez portes et fenêtres, coupez la ventilation',
          ],
          [92, 'be-d2-medical', 'phone', 'Deux ouvriers légèrement intoxiqués, transportés au CHR Citadelle'],
          [85, 'multidisciplinary', 'phone', 'Gouverneur de Liège: phase provinciale déclenchée, COC réuni'],
          [80, 'be-d1-rescue', 'field', 'Mesures CMIC: pas de valeurs anormales à 1 km sous le vent'],
          [
            74,
            'be-d4-logistics',
            'phone',
            'Protection civile: module de décontamination en route depuis Crisnée',
          ],
          [
            68,
            'multidisciplinary',
            'partner',
            'Veiligheidsregio Zuid-Limburg informée; GRIP 2 côté néerlandais',
          ],
          [61, 'be-d3-police', 'radio', 'E25 fermée entre Visé et Cheratte dans les deux sens'],
          [55, 'be-d5-information', 'phone', 'Demande de BE-Alert pour Visé et Oupeye en préparation'],
          [49, 'be-d1-rescue', 'radio', 'Feu circonscrit à 70 %, toiture effondrée'],
          [
            43,
            'be-d2-medical',
            'phone',
            'Centre antipoisons consulté: symptômes attendus irritation des voies respiratoires',
          ],
          [37, 'multidisciplinary', 'partner', 'NCC (NL): NL-Alert envisagé pour Eijsden-Margraten'],
          [30, 'be-d3-police', 'radio', 'Évacuation préventive de 40 riverains de la rue de la Meuse'],
          [24, 'be-d4-logistics', 'field', 'Centre d’accueil ouvert à l’école communale de Devant-le-Pont'],
          [18, 'be-d1-rescue', 'radio', 'Mesures CMIC à Lanaye: concentration faible, tendance à la baisse'],
          [12, 'be-d5-information', 'media', 'Conférence de presse du gouverneur prévue à 16h'],
          [6, 'multidisciplinary', 'phone', 'Point de situation COC: prochaine réunion à 15h30'],
        ],
        tasks: [
          [
            'Mesures de qualité de l’air à Eijsden (NL), coordination avec la GHOR',
            'zone-secours-liege',
            -20,
          ],
          ['Préparer le message BE-Alert (FR/NL/DE) pour Visé et Oupeye', 'nccn', 30],
          ['Plan de circulation pour la réouverture de l’E25', 'police-federale', 120],
        ],
        decision: [
          'Passage en phase provinciale et réunion du COC à la province',
          'Gouverneur de la province de Liège',
          'Panache au-dessus de plusieurs communes et à proximité de la frontière',
        ],
        sitrep: true,
      },
      {
        kind: 'planned-event',
        status: 'actual',
        type: 'vip-visit',
        title: 'Visite d’État du Président de la République française à Bruxelles',
        description:
          'Arrivée à Zaventem, entretien au Palais royal, visite de la Grand-Place. Niveau de menace OCAM 3.',
        severity: 'moderate',
        location: { lon: 4.3625, lat: 50.8419 },
        startsInMinutes: 60 * 20,
        hours: 30,
        disciplines: ['be-d2-medical', 'be-d3-police'],
        scaling: { doctrine: 'BE', level: 'federal' },
        participants: ['police-federale', 'spf-sante'],
        log: [
          [200, 'be-d3-police', 'e-mail', 'Programme définitif reçu du SPF Affaires étrangères'],
          [150, 'be-d2-medical', 'phone', 'Hôpitaux de référence: Saint-Pierre et Erasme prévenus'],
        ],
        tasks: [['Briefing sécurité commun la veille à 18h', 'police-federale', 60 * 18]],
      },
      {
        kind: 'planned-event',
        status: 'exercise',
        type: 'exercise',
        title: 'Exercice SEVESO « Meuse 2026 » (multidisciplinaire)',
        description: 'Exercice annuel du plan particulier d’urgence d’un site SEVESO de la Basse-Meuse.',
        severity: 'minor',
        location: { lon: 5.64, lat: 50.69 },
        startsInMinutes: 60 * 24 * 3,
        hours: 6,
        disciplines: [
          'be-d1-rescue',
          'be-d2-medical',
          'be-d3-police',
          'be-d4-logistics',
          'be-d5-information',
        ],
        scaling: { doctrine: 'BE', level: 'communal' },
        participants: ['zone-secours-liege', 'gouverneur-liege'],
        log: [
          [
            100,
            'multidisciplinary',
            'e-mail',
            'EXERCICE — scénario validé par la cellule de sécurité provinciale',
          ],
        ],
      },
    ],
  },
  nl: {
    daily: [
      [360, 'multidisciplinary', 'phone', 'Dienstoverdracht: geen bijzonderheden'],
      [90, 'multidisciplinary', 'partner', 'NCCN (BE): brand in Visé, rookpluim richting Maastricht'],
    ],
    cases: [
      {
        kind: 'incident',
        status: 'actual',
        type: 'smoke-plume',
        title: 'Rookpluim brand Visé (BE) boven Eijsden-Margraten en Maastricht',
        description:
          'Grensoverschrijdende rookpluim van een brand in een chemisch opslagbedrijf in Visé, België.',
        severity: 'moderate',
        location: { lon: 5.7186, lat: 50.7786 },
        startsInMinutes: -80,
        hours: 10,
        disciplines: ['nl-fire', 'nl-medical-ghor', 'nl-police', 'nl-population-care'],
        scaling: { doctrine: 'NL', level: 'GRIP 2' },
        participants: ['vr-zuid-limburg', 'ghor-zuid-limburg', 'politie'],
        log: [
          [78, 'nl-fire', 'partner', 'Meetploegen VR Zuid-Limburg uitgerukt naar Eijsden'],
          [60, 'nl-medical-ghor', 'phone', 'GHOR: ziekenhuizen MUMC+ en Zuyderland geïnformeerd'],
          [45, 'nl-fire', 'field', 'Metingen Eijsden: lage concentraties, geen gezondheidsrisico verwacht'],
          [20, 'nl-population-care', 'media', 'Advies via gemeente: ramen en deuren sluiten, ventilatie uit'],
        ],
        tasks: [['Afstemming met Belgische CMIC over meetresultaten', 'vr-zuid-limburg', 15]],
      },
    ],
  },
  lu: {
    daily: [
      [240, 'multidisciplinary', 'phone', 'CSU-112: nuit calme, deux interventions routinières'],
      [60, 'multidisciplinary', 'e-mail', 'MeteoLux: Warnung gelb für Wind ab 15 Uhr im Norden'],
    ],
    cases: [
      {
        kind: 'planned-event',
        status: 'actual',
        type: 'vip-visit',
        title: 'Visite officielle du Premier ministre belge à Luxembourg',
        description: 'Réunion au Benelux, déjeuner au ministère d’État.',
        severity: 'minor',
        location: { lon: 6.1319, lat: 49.6116 },
        startsInMinutes: 60 * 26,
        hours: 8,
        disciplines: ['lu-police', 'lu-cgdis-samu'],
        scaling: { doctrine: 'LU', level: '0' },
        participants: ['police-lu', 'cgdis'],
        log: [[30, 'lu-police', 'e-mail', 'Itinéraire validé par la Police grand-ducale']],
      },
    ],
  },
}

/**
 * A realistic day for a demo centre: a daily log, an incident near the border with a few dozen
 * log entries, tasks (one overdue), a decision and an approved report, a VIP visit and an
 * exercise. Written through the actions, by the demo accounts. Runs once per data directory.
 */
export async function seedDemoDay(deps: ActionDeps, nodeId: string): Promise<void> {
  const day = dayByNode[nodeId]
  if (!day) return
  if (await hasLogEntries(deps.store.db)) return
  const as = async (username: string): Promise<Principal> => {
    const row = await findUserRow(deps.store.db, { username })
    if (!row) throw new Error(`demo account ${username} is missing`)
    return {
      kind: 'user',
      userId: row.id,
      username,
      orgId: row.org_id,
      roles: row.roles as Role[],
      sessionId: 'demo-seed',
    }
  }
  const duty = await as('duty')
  const crisis = await as('crisis')
  const now = deps.clock.now().getTime()
  const ago = (minutes: number) => new Date(now - minutes * 60_000)
  const source = 'demo'

  // a rotation of the centre's duty officers, day 07:00 and night 19:00 in Brussels time
  await setRotation(deps, {
    caller: duty,
    rotation: {
      timeZone: 'Europe/Brussels',
      startDate: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(ago(24 * 60)),
      shiftStarts: ['07:00', '19:00'],
      members: [duty.userId, crisis.userId],
    },
    source,
  })
  for (const [minutes, discipline, from, text] of day.daily) {
    await appendLogEntry(deps, {
      caller: duty,
      caseId: null,
      occurredAt: ago(minutes),
      discipline,
      source: from,
      text,
      requestSource: source,
    })
  }
  const caseIds = new Map<string, string>()
  for (const c of day.cases) {
    const opened = await openCase(deps, {
      caller: duty,
      input: { ...c, startsAt: ago(-c.startsInMinutes), endsAt: ago(-c.startsInMinutes - c.hours * 60) },
      source,
    })
    let previous: string | undefined
    for (const [minutes, discipline, from, text] of c.log) {
      const isCorrection = text.startsWith('Correction')
      const entry = await appendLogEntry(deps, {
        caller: duty,
        caseId: opened.id,
        occurredAt: ago(minutes),
        discipline,
        source: from,
        text,
        ...(isCorrection && previous ? { supersedes: previous } : {}),
        requestSource: source,
      })
      previous = entry.id
    }
    for (const [title, assignee, dueInMinutes] of c.tasks ?? []) {
      await createTask(deps, {
        caller: duty,
        caseId: opened.id,
        title,
        assigneeOrg: assignee,
        dueAt: ago(-dueInMinutes),
        priority: dueInMinutes < 0 ? 'high' : 'normal',
        source,
      })
    }
    if (c.decision) {
      const [text, by, why] = c.decision
      await recordDecision(deps, {
        caller: crisis,
        caseId: opened.id,
        text,
        decidedBy: by,
        rationale: why,
        decidedAt: ago(85),
        source,
      })
    }
    if (c.sitrep) {
      const report = await draftSitrep(deps, { caller: crisis, caseId: opened.id, source })
      await approveSitrep(deps, { caller: crisis, sitrepId: report.id, version: report.version, source })
    }
    caseIds.set(c.title, opened.id)
  }
  for (const plan of plansByNode[nodeId] ?? []) {
    const planId = await savePlan(deps, {
      caller: duty,
      plan: { ...plan, document: '' },
      source,
    })
    await uploadPlanDocument(deps, {
      caller: duty,
      planId,
      fileName: `${plan.title.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.pdf`,
      contentType: 'application/pdf',
      data: demoPdf(plan.title, [`${plan.area} · version ${plan.version}`, '', ...plan.summary]),
      source,
    })
    const caseId = plan.activatedBy ? caseIds.get(plan.activatedBy) : undefined
    if (caseId) await activatePlan(deps, { caller: duty, caseId, planId, source })
  }
}
