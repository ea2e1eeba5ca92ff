import { readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import type { Command } from 'commander'
import type { AreaFileRefusal, AreaLevel, FeatureRefusal } from '@liaison/core'
import { areaLevels, knownCrs, LiaisonError, readAreaFeatures } from '@liaison/core'
import { importAreas } from '@liaison/server'
import { importSubscribersCommand } from './importSubscribersCommand.ts'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { operator, withStore } from './cliStore.ts'
import { loadCliConfig } from './loadCliConfig.ts'
import { choice } from './orgCommand.ts'

export function importCommand(program: Command, context: CliContext): void {
  const imports = program.command('import').description('import reference data into the node')
  withConfigFlags(
    imports
      .command('areas')
      .description(
        'import alert areas (municipalities, safety regions…) of one level from a GeoJSON FeatureCollection; each replaces an earlier area of its level and code; exit 0 all imported, 1 some features refused',
      )
      .argument('<file>', 'GeoJSON FeatureCollection of Polygons and MultiPolygons')
      .requiredOption('--level <level>', `one of ${areaLevels.join(', ')}`, choice(areaLevels, 'level'))
      .option(
        '--crs <crs>',
        `the coordinate reference when the file has no crs member: ${Object.keys(knownCrs).join(', ')} (default EPSG:4326)`,
        choice(Object.keys(knownCrs), 'crs'),
      )
      .option('--code-property <p>', 'the property holding each area’s code', 'code')
      .option(
        '--name-property <p>',
        'the property holding each area’s name (and <p>_nl, <p>_fr… its names by language)',
        'name',
      ),
  ).action(async (file: string, options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    let parsed: unknown
    try {
      parsed = JSON.parse(await readFile(resolve(context.cwd, file), 'utf8'))
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      throw new LiaisonError('validation_failed', `${file}: not a readable GeoJSON file (${why})`)
    }
    const level = options['level'] as AreaLevel
    const read = readAreaFeatures(parsed, {
      crs: options['crs'] as string | undefined,
      codeProperty: String(options['codeProperty']),
      nameProperty: String(options['nameProperty']),
    })
    if (!read.ok) throw new LiaisonError('validation_failed', `${file}: ${describeFileRefusal(read.error)}`)
    const { areas, refused, crs } = read.value
    const counts =
      areas.length === 0
        ? { added: 0, replaced: 0 }
        : await withStore(context, config, (deps) =>
            importAreas(deps, {
              level,
              areas,
              sourceFile: basename(file),
              refused: refused.length,
              caller: operator(context),
              source: 'cli',
            }),
          )
    context.out.write(
      `imported ${areas.length} ${level} areas from ${file} (${crs}): ${counts.added} new, ${counts.replaced} replaced; ${refused.length} refused\n`,
    )
    for (const r of refused) context.out.write(`refused feature ${r.index}: ${describeFeatureRefusal(r)}\n`)
    context.exitCode = refused.length === 0 ? 0 : 1
  })
  importSubscribersCommand(imports, context)
}

function describeFileRefusal(refusal: AreaFileRefusal): string {
  switch (refusal.reason) {
    case 'not_a_feature_collection':
      return 'not a GeoJSON FeatureCollection'
    case 'crs_unknown':
      return `coordinate reference ${refusal.crs} is not one of ${Object.keys(knownCrs).join(', ')}`
    case 'crs_mismatch':
      return `the file says ${refusal.file}, --crs says ${refusal.given}`
    case 'too_many_features':
      return `more than ${refusal.max} features`
    default: {
      const exhaustive: never = refusal
      return exhaustive
    }
  }
}

function describeFeatureRefusal(refusal: FeatureRefusal): string {
  switch (refusal.reason) {
    case 'not_a_feature':
      return 'not a GeoJSON Feature'
    case 'no_geometry':
      return 'no geometry'
    case 'not_polygonal':
      return 'not a Polygon or MultiPolygon'
    case 'bad_coordinates':
      return `coordinates at ${refusal.path} are not numbers`
    case 'outside_the_world':
      return `the position at ${refusal.path} is outside the world in WGS 84 (is --crs right?)`
    case 'no_code':
      return `no ${refusal.property} property (see --code-property)`
    case 'no_name':
      return `no ${refusal.property} property (see --name-property)`
    case 'duplicate_code':
      return `code ${refusal.code} again (first in feature ${refusal.first})`
    case 'ring': {
      const p = refusal.problem
      const what =
        p.reason === 'polygon_not_closed'
          ? 'not closed'
          : p.reason === 'polygon_too_few_points'
            ? `only ${p.points} points`
            : `crosses itself at ${p.at.join(', ')}`
      return `polygon_${p.reason.replace(/^polygon_/, '')}: ring ${refusal.path} ${what}`
    }
    default: {
      const exhaustive: never = refusal
      return exhaustive
    }
  }
}
