import 'maplibre-gl/dist/maplibre-gl.css'
import * as maplibregl from 'maplibre-gl'
// The worker is a file of its own in maplibre-gl 6; the bundle gives it a URL of its own too.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { beneluxMapStyle, beneluxView } from './beneluxMapStyle.ts'

maplibregl.setWorkerUrl(workerUrl)

/** The Benelux map (MapLibre), built again when the language changes so its controls speak it. */
export function BeneluxMap() {
  const { t, i18n } = useTranslation()
  const containerRef = useRef<HTMLDivElement>(null)
  const [failed, setFailed] = useState(false)

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
        maxZoom: 12,
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
      setFailed(false)
    } catch {
      setFailed(true) // no WebGL (or it is switched off)
    }
    return () => map?.remove()
  }, [t, i18n.language])

  return (
    <>
      {failed && (
        <p className="alert alert-error" role="alert">
          {t('map.noWebgl')}
        </p>
      )}
      <p className="map-hint">{t('map.keyboardHint')}</p>
      <div ref={containerRef} className="map" data-testid="map" />
    </>
  )
}
