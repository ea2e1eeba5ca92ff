import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CapAlert } from '@liaison/core'
import { countriesAtPoint, validateCapAlert } from '@liaison/core'
import type { RunningNode } from '@liaison/server'
import { addOrganisation } from '@liaison/server'
import { testEngines } from '../support/engines.ts'
import type { FederatedNode } from '../support/federatedNode.ts'
import { federatedNode, trustPeer, waitUntil } from '../support/federatedNode.ts'
import { signedInAs } from '../support/identity.ts'
import type { TestNode } from '../support/testNode.ts'

const engines = await testEngines()
const root = mkdtempSync(join(tmpdir(), 'liaison-proposals-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

type Session = Awaited<ReturnType<typeof signedInAs>>
const as = (node: RunningNode, roles: Parameters<typeof signedInAs>[1], org?: string) =>
  signedInAs(node as unknown as TestNode, roles, org)
const get = (node: RunningNode, s: Session, url: string) => node.app.inject({ url, headers: s.headers() })
const post = (node: RunningNode, s: Session, url: string, payload?: object) =>
  node.app.inject({ method: 'POST', url, headers: s.headers(), ...(payload ? { payload } : {}) })
const errorOf = (r: { json(): unknown }) => (r.json() as { error: { code: string; reason?: string } }).error

interface Proposal {
  origin: string
  id: string
  direction: string
  toNode: string
  alertId: string
  identifier: string
  relation: string
  km: number
  area: { type: string; coordinates: [number, number][][][] }
  info: { language: string; event: string; headline: string | null; severity: string }[]
  state: string
  reason: string | null
  answeredBy: string | null
  adoptedAlertId: string | null
}

/** A box as a CAP polygon, from west, south, east, north. */
const box = (w: number, s: number, e: number, n: number) =>
  `${s},${w} ${s},${e} ${n},${e} ${n},${w} ${s},${w}`
const content = (areaDesc: string, polygon: string, status = 'Actual') => ({
  status,
  sender: 'alert@nccn.be',
  scope: 'Public',
  channels: ['feed'],
  info: ['nl-BE', 'fr-BE'].map((language) => ({
    language,
    category: ['Fire'],
    event: language === 'nl-BE' ? 'Brand' : 'Incendie',
    responseType: ['Shelter'],
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Observed',
    eventCode: [],
    headline: language === 'nl-BE' ? 'Sluit ramen en deuren' : 'Fermez portes et fenêtres',
    parameter: [],
    resource: [],
    area: [{ areaDesc, polygon: [polygon], circle: [], geocode: [] }],
  })),
})

describe.each(engines.map((e) => [e.name, e] as const))(
  'alert proposals across the BE–NL border on %s',
  (_name, engine) => {
    let be: FederatedNode
    let nl: FederatedNode
    beforeEach(async () => {
      be = await federatedNode(engine, root, 'be', 'BE')
      nl = await federatedNode(engine, root, 'nl', 'NL')
      await addOrganisation(nl.node.deps, {
        organisation: { code: 'vr', name: 'Veiligheidsregio', kind: 'partner', country: 'NL' },
        caller: { kind: 'system', label: 'test' },
        source: 'test',
      })
      await trustPeer(be.node, nl.node, { distributions: ['case', 'federation', 'neighbours'] })
      await trustPeer(nl.node, be.node, { distributions: ['case', 'federation', 'neighbours'] })
    })
    afterEach(async () => {
      await be.dispose()
      await nl.dispose()
    })

    const submit = async (s: Session, body: object) => {
      const drafted = await post(be.node, s, '/api/v1/alerts', body)
      expect(drafted.statusCode, drafted.body).toBe(201)
      const a = drafted.json<{ id: string; version: number }>()
      const submitted = await post(be.node, s, `/api/v1/alerts/${a.id}/submit`, { version: a.version })
      expect(submitted.statusCode, submitted.body).toBe(200)
      return submitted.json<{ id: string; version: number }>()
    }
    const received = async (s: Session, query = '') => {
      const res = await get(nl.node, s, `/api/v1/alert-proposals${query}`)
      expect(res.statusCode, res.body).toBe(200)
      return res.json<{ items: Proposal[]; next: string | null }>().items
    }
    const sentFor = async (s: Session, alertId: string) => {
      const res = await get(be.node, s, `/api/v1/alerts/${alertId}/proposals`)
      expect(res.statusCode, res.body).toBe(200)
      return res.json<{ items: Proposal[] }>().items
    }

    it('proposes an alert crossing at Maastricht to NL, clipped at the border; NL adopts it as its own draft and BE sees "adopted"', async () => {
      const author = await as(be.node, ['alert-author'])
      const approver = await as(be.node, ['alert-approver'])
      const nlAuthor = await as(nl.node, ['alert-author'])
      const nlDuty = await as(nl.node, ['duty-officer'])
      const vr = await as(nl.node, ['alert-author'], 'vr')

      const alert = await submit(author, content('Lanaken – Maastricht', box(5.6, 50.78, 5.75, 50.9)))
      // far from every border: proposed to nobody
      const inland = await submit(author, content('Namur', box(4.8, 50.4, 4.9, 50.5)))

      await waitUntil(async () => (await received(nlDuty)).length > 0)
      const [proposal, ...others] = await received(nlDuty)
      expect(others).toEqual([])
      expect(proposal).toMatchObject({
        origin: 'be',
        direction: 'received',
        toNode: 'nl',
        alertId: alert.id,
        identifier: alert.id,
        relation: 'crosses',
        km: 0,
        state: 'proposed',
      })
      expect(proposal!.info.map((i) => [i.language, i.event])).toEqual([
        ['nl-BE', 'Brand'],
        ['fr-BE', 'Incendie'],
      ])
      // only the Dutch side: Maastricht is in it, no vertex lies in Belgium alone
      const vertices = proposal!.area.coordinates.flatMap((p) => p[0]!)
      expect(vertices.length).toBeGreaterThan(4)
      for (const p of vertices) {
        expect(p[0]).toBeGreaterThanOrEqual(5.6 - 1e-6)
        expect(p[0]).toBeLessThanOrEqual(5.75 + 1e-6)
      }
      expect(vertices.filter((p) => countriesAtPoint(p).join() === 'BE').length).toBeLessThan(
        vertices.length / 4,
      )
      // the partner organisation of NL is not addressed and does not see it
      expect(await received(vr)).toEqual([])
      expect(await sentFor(author, inland.id)).toEqual([])

      const url = `/api/v1/alert-proposals/be/${proposal!.id}`
      expect((await get(nl.node, nlDuty, url)).statusCode).toBe(200)
      expect((await get(nl.node, vr, url)).statusCode).toBe(404)

      // bad input, each refused and changing nothing
      const notAddressee = await post(nl.node, vr, `${url}/answer`, { answer: 'note' })
      expect([notAddressee.statusCode, errorOf(notAddressee).reason]).toEqual([
        403,
        'alert_proposal_not_addressee',
      ])
      const unknown = await post(nl.node, nlAuthor, '/api/v1/alert-proposals/be/no-such-proposal/answer', {
        answer: 'adopt',
      })
      expect([unknown.statusCode, errorOf(unknown).code]).toEqual([404, 'not_found'])
      for (const body of [
        { answer: 'maybe' },
        { answer: 'adopt', extra: 1 },
        { answer: 'note', reason: '' },
        {},
      ]) {
        const bad = await post(nl.node, nlAuthor, `${url}/answer`, body)
        expect([bad.statusCode, errorOf(bad).code], JSON.stringify(body)).toEqual([400, 'validation_failed'])
      }
      // a duty officer may note or decline, not adopt (that drafts an alert)
      const dutyAdopts = await post(nl.node, nlDuty, `${url}/answer`, { answer: 'adopt' })
      expect(dutyAdopts.statusCode).toBe(403)
      expect((await received(nlDuty, '?open=true')).map((p) => p.id)).toEqual([proposal!.id])

      const adopted = await post(nl.node, nlAuthor, `${url}/answer`, {
        answer: 'adopt',
        sender: 'alert@nctv.nl',
      })
      expect(adopted.statusCode, adopted.body).toBe(200)
      const answer = adopted.json<{ proposal: Proposal; adoptedAlertId: string }>()
      expect(answer.proposal).toMatchObject({ state: 'adopted', adoptedAlertId: answer.adoptedAlertId })
      // a draft of NL's own, with the Dutch side as its area: it still needs NL's four eyes
      const draft = await get(nl.node, nlAuthor, `/api/v1/alerts/${answer.adoptedAlertId}`)
      expect(draft.statusCode, draft.body).toBe(200)
      const cap = draft.json<{ alert: { state: string; cap: CapAlert } }>().alert
      expect(cap.state).toBe('draft')
      expect(cap.cap.sender).toBe('alert@nctv.nl')
      expect(cap.cap.info.map((i) => i.headline)).toEqual([
        'Sluit ramen en deuren',
        'Fermez portes et fenêtres',
      ])
      expect(cap.cap.info[0]!.area[0]!.polygon).toHaveLength(proposal!.area.coordinates.length)
      expect(validateCapAlert(cap.cap)).toEqual([])

      // answering twice is refused
      const again = await post(nl.node, nlDuty, `${url}/answer`, { answer: 'decline', reason: 'late' })
      expect([again.statusCode, errorOf(again).reason]).toEqual([409, 'alert_proposal_answered'])

      // the sender sees it adopted, by whom
      await waitUntil(async () => (await sentFor(author, alert.id))[0]?.state === 'adopted')
      const [sent] = await sentFor(author, alert.id)
      expect(sent).toMatchObject({
        direction: 'sent',
        toNode: 'nl',
        state: 'adopted',
        answeredBy: nlAuthor.account.user.username,
      })
      // issuing it later proposes nothing again
      const approved = await post(be.node, approver, `/api/v1/alerts/${alert.id}/approve`, {
        version: alert.version,
      })
      expect(approved.statusCode, approved.body).toBe(200)
      expect(await sentFor(author, alert.id)).toHaveLength(1)
      // the answers are audited where they are given
      const audit = await be.node.deps.store.db
        .selectFrom('audit')
        .select(['action', 'outcome'])
        .where('action', 'like', 'alert-proposal.%')
        .execute()
      expect(audit).toEqual([])
      const nlAudit = await nl.node.deps.store.db
        .selectFrom('audit')
        .select(['action', 'outcome'])
        .where('action', 'like', 'alert-proposal.%')
        .orderBy('seq')
        .execute()
      expect(nlAudit.map((a) => `${a.action} ${a.outcome}`)).toEqual(
        expect.arrayContaining([
          'alert-proposal.note refused',
          'alert-proposal.adopt ok',
          'alert-proposal.decline refused',
        ]),
      )
    })

    it('a decline says why, and BE sees the reason', async () => {
      const author = await as(be.node, ['alert-author'])
      const nlDuty = await as(nl.node, ['duty-officer'])
      // within 10 km of the border near Lanaken, on the Belgian side only
      const alert = await submit(author, content('Bilzen', box(5.45, 50.85, 5.52, 50.9), 'Exercise'))
      await waitUntil(async () => (await received(nlDuty, '?status=Exercise')).length > 0)
      expect(await received(nlDuty)).toEqual([])
      const [proposal] = await received(nlDuty, '?status=Exercise')
      expect(proposal).toMatchObject({ relation: 'near', state: 'proposed' })
      expect(proposal!.km).toBeGreaterThan(0)
      const url = `/api/v1/alert-proposals/be/${proposal!.id}/answer`
      const bare = await post(nl.node, nlDuty, url, { answer: 'decline' })
      expect([bare.statusCode, errorOf(bare).reason]).toEqual([400, 'alert_proposal_reason_missing'])
      const declined = await post(nl.node, nlDuty, url, {
        answer: 'decline',
        reason: 'Geen Nederlandse gemeente getroffen',
      })
      expect(declined.statusCode, declined.body).toBe(200)
      await waitUntil(async () => (await sentFor(author, alert.id))[0]?.state === 'declined')
      expect((await sentFor(author, alert.id))[0]).toMatchObject({
        state: 'declined',
        reason: 'Geen Nederlandse gemeente getroffen',
      })
    })
  },
)
