import 'maplibre-gl/dist/maplibre-gl.css'
import * as maplibregl from 'maplibre-gl'
// The worker is a file of its own in maplibre-gl 6; the bundle gives it a URL of its own too.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FeatureCollection } from '../api/dutyApi.ts'
import type { ReceivedFeatures } from '../api/incomingApi.ts'
import { beneluxMapStyle, beneluxView, featureLayers, featureSourceId } from './beneluxMapStyle.ts'

maplibregl.setWorkerUrl(workerUrl)

/** What the map draws: this node's features, or those partners sent (coloured by origin). */
export type MapCollection = FeatureCollection | ReceivedFeatures

export interface BeneluxMapProps {
  /** Features drawn over the Benelux (case features, open cases, what partners sent). */
  readonly features?: MapCollection | null
  /** Called with the place clicked on the map (to add a point). */
  readonly onPick?: (lon: number, lat: number) => void
  /** Fit the view to the features once they first arrive. */
  readonly fit?: boolean
  readonly compact?: boolean
}

const emptyCollection = { type: 'FeatureCollection' as const, features: [] }

function boundsOf(collection: MapCollection): maplibregl.LngLatBounds | null {
  const bounds = new maplibregl.LngLatBounds()
  let any = false
  const add = (c: readonly number[]): void => {
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      bounds.extend([c[0], c[1]])
      any = true
    }
  }
  for (const f of collection.features) {
    const g = f.geometry
    if (g.type === 'Point') add(g.coordinates)
    else if (g.type === 'LineString') g.coordinates.forEach(add)
    else if (g.type === 'Polygon') g.coordinates.forEach((ring) => ring.forEach(add))
  }
  return any ? bounds : null
}

/** The Benelux map (MapLibre), built again when the language changes so its controls speak it. */
export function BeneluxMap({ features = null, onPick, fit = false, compact = false }: BeneluxMapProps) {
  const { t, i18n } = useTranslation()
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<maplibregl.Map | null>(null)
  const featuresRef = useRef<MapCollection | null>(features)
  const pickRef = useRef(onPick)
  const fitted = useRef(false)
  const [failed, setFailed] = useState(false)
  const [loaded, setLoaded] = useState(0)

  useEffect(() => {
    pickRef.current = onPick
  }, [onPick])

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    let map: maplibregl.Map | null = null
    try {
      map = new maplibregl.Map({
        container,
        style: beneluxMapStyle(document.baseURI),
        center: beneluxView.center,
        zoom: beneluxView.zoom,
        minZoom: 4,
        maxZoom: 16,
        attributionControl: false,
        dragRotate: false,
        locale: {
          'Map.Title': t('map.label'),
          'NavigationControl.ZoomIn': t('map.zoomIn'),
          'NavigationControl.ZoomOut': t('map.zoomOut'),
          'NavigationControl.ResetBearing': t('map.resetBearing'),
          'AttributionControl.ToggleAttribution': t('map.toggleAttribution'),
        },
      })
      map.touchZoomRotate.disableRotation()
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
      map.addControl(
        new maplibregl.AttributionControl({ compact: false, customAttribution: t('map.attribution') }),
        'bottom-right',
      )
      const built = map
      built.on('load', () => {
        built.addSource(featureSourceId, {
          type: 'geojson',
          data: (featuresRef.current ?? emptyCollection) as unknown as GeoJSON.FeatureCollection,
        })
        for (const layer of featureLayers) built.addLayer(layer)
        mapRef.current = built
        setLoaded((n) => n + 1)
      })
      built.on('click', (event) => pickRef.current?.(event.lngLat.lng, event.lngLat.lat))
      setFailed(false)
    } catch {
      setFailed(true) // no WebGL (or it is switched off)
    }
    return () => {
      mapRef.current = null
      map?.remove()
    }
  }, [t, i18n.language])

  useEffect(() => {
    featuresRef.current = features
    const map = mapRef.current
    if (!map) return
    const source = map.getSource(featureSourceId)
    if (source instanceof maplibregl.GeoJSONSource)
      void source.setData((features ?? emptyCollection) as unknown as GeoJSON.FeatureCollection)
    if (fit && features && !fitted.current) {
      const bounds = boundsOf(features)
      if (bounds) {
        fitted.current = true
        map.fitBounds(bounds, { padding: 60, maxZoom: 12, duration: 0 })
      }
    }
  }, [features, loaded, fit])

  return (
    <>
      {failed && (
        <p className="alert alert-error" role="alert">
          {t('map.noWebgl')}
        </p>
      )}
      <p className="map-hint">{t('map.keyboardHint')}</p>
      <div ref={containerRef} className={compact ? 'map map-compact' : 'map'} data-testid="map" />
    </>
  )
}
