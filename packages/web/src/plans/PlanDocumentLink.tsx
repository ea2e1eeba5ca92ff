import type { PlanDocument } from '../api/dutyApi.ts'
import { planDocumentHref } from '../api/dutyApi.ts'
import { FileLink } from '../components/FileLink.tsx'

/** A version of a plan's document: a download link with its name and size. */
export function PlanDocumentLink({ document }: { readonly document: PlanDocument }) {
  return <FileLink href={planDocumentHref(document.id)} fileName={document.fileName} size={document.size} />
}
