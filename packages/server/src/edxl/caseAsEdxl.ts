import type { Case, Sitrep } from '@liaison/core'
import { sitrepAsEdxl } from '@liaison/core'
import type { EdxlCaseFacts, EdxlSender } from '@liaison/formats/edxl'
import { writeEdxlCase, writeEdxlSitrep } from '@liaison/formats/edxl'
import type { ActionDeps } from '../actions/ActionDeps.ts'
import { latestApprovedSitrep } from '../store/cases/sitrepRows.ts'
import { findUserRow } from '../store/identity/userRows.ts'
import { findOrganisation } from '../store/organisations/organisationRows.ts'

/** How long a distribution written for another system stays current (EDXL-DE `dateTimeExpires`). */
export const edxlValidForMs = 24 * 60 * 60 * 1000

/** The media type of what these answer: EDXL-DE has no registered one of its own. */
export const edxlMediaType = 'application/xml; charset=utf-8'

async function senderOf(deps: ActionDeps, orgId: string): Promise<EdxlSender> {
  const org = await findOrganisation(deps.store.db, deps.nodeId, { id: orgId })
  const code = org?.code ?? orgId
  return { id: `${code}@${deps.nodeId}`, orgCode: code, orgName: org?.name ?? code }
}

/** A case's facts as EDXL-DE/EMSI carries them, with the counts of its latest approved report. */
export function edxlFactsOf(c: Case, report: Sitrep | null): EdxlCaseFacts {
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    state: c.state,
    type: c.type,
    title: c.title,
    description: c.description,
    severity: c.severity,
    disciplines: c.disciplines,
    scaling: c.scaling,
    openedAt: c.createdAt,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    location: c.location,
    area: null,
    casualties: report === null ? null : { at: report.periodTo, counts: report.casualties },
  }
}

/** The case as an EDXL-DE 2.0 distribution carrying an EMSI message, sent by its owner (decision 039). */
export async function caseAsEdxl(deps: ActionDeps, c: Case): Promise<string> {
  const sent = deps.clock.now()
  return writeEdxlCase({
    distributionId: deps.ids.next(),
    sent,
    expires: new Date(sent.getTime() + edxlValidForMs),
    sender: await senderOf(deps, c.ownerOrgId),
    case: edxlFactsOf(c, await latestApprovedSitrep(deps.store.db, c.id)),
  })
}

/** A situation report as an EDXL-DE 2.0 distribution with the report as a JSON content object. */
export async function sitrepAsEdxlDe(deps: ActionDeps, sitrep: Sitrep, c: Case): Promise<string> {
  const sent = deps.clock.now()
  const sender = await senderOf(deps, c.ownerOrgId)
  const author = await findUserRow(deps.store.db, { id: sitrep.draftedBy })
  return writeEdxlSitrep({
    distributionId: deps.ids.next(),
    sent,
    expires: new Date(sent.getTime() + edxlValidForMs),
    sender,
    case: { id: c.id, title: c.title, status: c.status },
    sitrep: { id: sitrep.id, number: sitrep.number },
    report: sitrepAsEdxl(sitrep, c, {
      name: author?.display_name ?? 'unknown',
      organisation: sender.orgName,
    }),
  })
}
