import type { PlanDocumentBody } from '@liaison/wire'
import type { Static } from 'typebox'
import type { planDocumentRows } from '../store/directory/planRows.ts'

type PlanDocumentRow = Awaited<ReturnType<typeof planDocumentRows>>[number]

/** A plan document as the API shows it (its metadata and who uploaded it, never its bytes). */
export function presentPlanDocument(r: PlanDocumentRow): Static<typeof PlanDocumentBody> {
  return {
    id: r.id,
    planId: r.plan_id,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    uploadedAt: r.uploaded_at.toISOString(),
    uploadedBy: r.uploaded_by,
    uploadedByName: r.display_name,
  }
}
