import { describe, expect, it } from 'vitest'
import { readCapMinimal } from './readCapMinimal.ts'

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>BE-1</identifier>
  <sender>alert@nccn.be</sender>
  <sent>2026-12-03T12:00:00+01:00</sent>
  <status>Exercise</status>
  <msgType>Update</msgType>
  <scope>Public</scope>
  <references>alert@nccn.be,BE-0,2026-12-03T11:00:00+01:00</references>
  <info>
    <language>fr-BE</language>
    <event>Feu &amp; fumée</event>
    <parameter><valueName>cellBroadcastPage</valueName><value>Restez &lt;dedans&gt; &#233;</value></parameter>
    <area><areaDesc>Liège</areaDesc><circle>50.63,5.57 5</circle></area>
  </info>
</alert>
`

describe('readCapMinimal', () => {
  it('reads the header, the parameters and the areas, entities decoded', () => {
    expect(readCapMinimal(xml)).toEqual({
      identifier: 'BE-1',
      sender: 'alert@nccn.be',
      sent: '2026-12-03T12:00:00+01:00',
      status: 'Exercise',
      msgType: 'Update',
      scope: 'Public',
      references: 'alert@nccn.be,BE-0,2026-12-03T11:00:00+01:00',
      info: [
        {
          language: 'fr-BE',
          parameters: [{ valueName: 'cellBroadcastPage', value: 'Restez <dedans> é' }],
          areas: [{ areaDesc: 'Liège', polygons: [], circles: ['50.63,5.57 5'] }],
        },
      ],
    })
  })

  it('gives null for what is not a CAP 1.2 alert', () => {
    expect(readCapMinimal('<alert><identifier>x</identifier></alert>')).toBeNull()
    expect(readCapMinimal(xml.replace('<sender>alert@nccn.be</sender>', ''))).toBeNull()
    expect(readCapMinimal('garbage')).toBeNull()
  })
})
