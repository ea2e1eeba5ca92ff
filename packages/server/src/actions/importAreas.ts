import type { AreaDraft, AreaLevel, Caller } from '@liaison/core'
import { actorLabel, callerActor } from '@liaison/core'
import { upsertAreas } from '../store/areas/areaRows.ts'
import type { ActionDeps } from './ActionDeps.ts'
import { requirePermission } from './requirePermission.ts'
import { runAction } from './runAction.ts'

export interface ImportAreas {
  readonly level: AreaLevel
  /** Read and checked by core's `readAreaFeatures`, in WGS 84. */
  readonly areas: readonly AreaDraft[]
  /** The file's name, kept with each area. */
  readonly sourceFile: string
  /** How many features of the file were refused (for the audit). */
  readonly refused: number
  readonly caller: Caller
  readonly source: string | null
}

/**
 * Imports a file's areas of one level in one transaction (one multi-row insert per chunk), each
 * replacing an earlier area of its level and code; one audit row with the counts.
 */
export async function importAreas(
  deps: ActionDeps,
  input: ImportAreas,
): Promise<{ added: number; replaced: number }> {
  return runAction(
    deps,
    { action: 'areas.import', actor: callerActor(input.caller), source: input.source },
    async (ctx) => {
      // the area library serves those who write public warnings
      requirePermission(input.caller, 'alerts.draft')
      const by = actorLabel(callerActor(input.caller))
      const counts = await upsertAreas(
        ctx.tx,
        input.areas.map((a) => ({
          id: ctx.newId(),
          level: input.level,
          code: a.code,
          name: a.name,
          names: JSON.stringify(a.names),
          country: a.country,
          geometry: JSON.stringify(a.geometry),
          vertices: a.vertices,
          west: a.bbox[0],
          south: a.bbox[1],
          east: a.bbox[2],
          north: a.bbox[3],
          source_file: input.sourceFile,
          imported_at: ctx.at,
          imported_by: by,
        })),
      )
      ctx.target(input.level, null, { file: input.sourceFile, ...counts, refused: input.refused })
      return counts
    },
  )
}
