import type { CaseStatus } from '@liaison/core'
import { base64Encode, utf8Bytes } from './base64.ts'
import type { EdxlSender } from './EdxlCase.ts'
import { liaisonContents, liaisonValueLists, sitrepMediaType } from './edxlNamespaces.ts'
import { XmlLines, openDistribution, tokenText } from './writeEdxlCase.ts'

export interface WriteEdxlSitrep {
  readonly distributionId: string
  readonly sent: Date
  readonly expires: Date
  readonly sender: EdxlSender
  readonly case: { readonly id: string; readonly title: string; readonly status: CaseStatus }
  readonly sitrep: { readonly id: string; readonly number: number }
  /** The report as a JSON value (`sitrepAsEdxl`: shaped on EDXL-SitRep 1.0). */
  readonly report: unknown
}

/**
 * An EDXL-DE 2.0 distribution carrying a situation report as a JSON content object
 * (`otherContent`, `application/json`, base64): no SitRep schema is stored to write it as XML.
 */
export function writeEdxlSitrep(input: WriteEdxlSitrep): string {
  const x = new XmlLines()
  openDistribution(x, {
    distributionId: input.distributionId,
    senderId: input.sender.id,
    sent: input.sent,
    expires: input.expires,
    status: input.case.status,
  })
  x.open(1, 'descriptor xlink:type="resource"')
  x.put(2, 'incidentID', input.case.id)
  x.put(2, 'incidentDescription', tokenText(input.case.title, input.case.id))
  x.close(1, 'descriptor')
  const bytes = utf8Bytes(JSON.stringify(input.report))
  x.open(1, 'content xlink:type="resource"')
  x.open(2, 'contentObject xlink:type="resource"')
  x.open(3, 'contentDescriptor')
  x.put(4, 'contentDescription', `Situation report ${input.sitrep.number} (JSON shaped on EDXL-SitRep 1.0)`)
  x.valueList(4, 'contentKeyword', liaisonValueLists.content, [liaisonContents.sitrep])
  x.put(4, 'contentID', input.sitrep.id)
  x.close(3, 'contentDescriptor')
  x.open(3, 'otherContent')
  x.put(4, 'mimeType', sitrepMediaType)
  x.put(4, 'size', bytes.length)
  x.put(4, 'contentData', base64Encode(bytes))
  x.close(3, 'otherContent')
  x.close(2, 'contentObject')
  x.close(1, 'content')
  x.close(0, 'edxlDistribution')
  return x.text()
}
