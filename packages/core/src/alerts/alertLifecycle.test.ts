import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type {
  AlertActor,
  AlertLifecycle,
  AlertState,
  AlertStep,
  AlertStepKind,
  IssueException,
} from './alertLifecycle.ts'
import {
  alertStates,
  alertSteps,
  applyAlertStep,
  issueExceptions,
  newAlertLifecycle,
  personSteps,
} from './alertLifecycle.ts'

const now = new Date('2026-12-03T12:00:00Z')
const later = new Date('2026-12-03T13:00:00Z')

/** The people around one alert: A wrote it, E edited it; the others did not touch it. */
const actors = {
  author: { userId: 'A', mayDraft: true, mayApprove: false },
  authorApprover: { userId: 'A', mayDraft: true, mayApprove: true },
  editorApprover: { userId: 'E', mayDraft: false, mayApprove: true },
  approver: { userId: 'P', mayDraft: false, mayApprove: true },
  drafter: { userId: 'D', mayDraft: true, mayApprove: false },
  viewer: { userId: 'V', mayDraft: false, mayApprove: false },
  node: null,
} as const satisfies Record<string, AlertActor | null>
type ActorName = keyof typeof actors
const actorNames = Object.keys(actors) as ActorName[]

function alertIn(state: AlertState, exception: IssueException | null = null): AlertLifecycle {
  const base = newAlertLifecycle({ authorId: 'A', status: 'Actual', msgType: 'Alert', exception })
  const submitted = state !== 'draft' && state !== 'returned'
  return {
    ...base,
    state,
    version: 3,
    editorIds: ['A', 'E'],
    submittedBy: submitted ? 'A' : null,
    submittedVersion: submitted ? 3 : null,
    approvedBy: ['approved', 'issued', 'updated', 'cancelled', 'expired'].includes(state) ? 'P' : null,
    issueAt: state === 'approved' ? later : null,
    returnedReason: state === 'returned' ? 'the area is too wide' : null,
  }
}

function stepOf(kind: AlertStepKind, version: number, at = later): AlertStep {
  switch (kind) {
    case 'edit':
      return { kind, version, exception: null }
    case 'submit':
      return { kind, version }
    case 'approve':
      return { kind, version, issueAt: null, now: at }
    case 'return':
      return { kind, version, reason: 'the area is too wide' }
    case 'issueAlone':
      return { kind, version, exception: 'cancel' }
    case 'issueDue':
      return { kind, now: at }
    case 'supersede':
    case 'cancel':
    case 'expire':
      return { kind }
    default: {
      const exhaustive: never = kind
      return exhaustive
    }
  }
}

const stepKinds: AlertStepKind[] = [
  'edit',
  'submit',
  'approve',
  'return',
  'issueAlone',
  'issueDue',
  'supersede',
  'cancel',
  'expire',
]

/** Every move the lifecycle allows, and who may make it; every other triple is refused. */
const people: ActorName[] = ['author', 'authorApprover', 'editorApprover', 'approver', 'drafter']
const allowed: Record<AlertState, Partial<Record<AlertStepKind, [ActorName[], AlertState]>>> = {
  draft: { edit: [people, 'draft'], submit: [people, 'submitted'] },
  returned: { edit: [people, 'draft'] },
  submitted: {
    approve: [['approver'], 'issued'],
    return: [['authorApprover', 'editorApprover', 'approver'], 'returned'],
  },
  approved: {
    issueDue: [['node'], 'issued'],
    return: [['authorApprover', 'editorApprover', 'approver'], 'returned'],
  },
  issued: {
    supersede: [['node'], 'updated'],
    cancel: [['node'], 'cancelled'],
    expire: [['node'], 'expired'],
  },
  updated: {},
  cancelled: {},
  expired: {},
}

/** Why a move outside the table is refused, in the order the rule checks. */
function expectedRefusal(state: AlertState, kind: AlertStepKind, name: ActorName): string {
  const actor = actors[name]
  const isPersonStep = (personSteps as readonly string[]).includes(kind)
  if (isPersonStep !== (actor !== null)) return 'alert_not_permitted'
  if (!(alertSteps[state] as readonly string[]).includes(kind))
    return kind === 'approve' || kind === 'return' ? 'alert_not_submitted' : 'alert_invalid_transition'
  if (actor === null) throw new Error('no refusal expected')
  if (kind === 'approve') return !actor.mayApprove ? 'alert_not_permitted' : 'alert_same_person'
  if (kind === 'return' || kind === 'issueAlone')
    return !actor.mayApprove ? 'alert_not_permitted' : 'alert_no_exception'
  return 'alert_not_permitted'
}

describe('the alert lifecycle, every state by every step by every actor', () => {
  const cases = alertStates.flatMap((state) =>
    stepKinds.flatMap((kind) => actorNames.map((name) => [state, kind, name] as const)),
  )
  it.each(cases)('%s, %s by %s', (state, kind, name) => {
    const result = applyAlertStep(alertIn(state), stepOf(kind, 3), actors[name])
    const rule = allowed[state][kind]
    if (rule && rule[0].includes(name)) {
      expect(result).toMatchObject({ ok: true, value: { state: rule[1] } })
    } else {
      expect(result).toEqual({ ok: false, error: expectedRefusal(state, kind, name) })
    }
  })
})

describe('the alert lifecycle, step by step', () => {
  it('counts versions and remembers every editor, who then may not approve', () => {
    let alert = newAlertLifecycle({ authorId: 'A', status: 'Actual', msgType: 'Alert', exception: null })
    const edited = applyAlertStep(alert, { kind: 'edit', version: 1, exception: null }, actors.editorApprover)
    if (!edited.ok) throw new Error(edited.error)
    alert = edited.value
    expect([alert.version, alert.editorIds]).toEqual([2, ['A', 'E']])
    const submitted = applyAlertStep(alert, { kind: 'submit', version: 2 }, actors.author)
    if (!submitted.ok) throw new Error(submitted.error)
    expect(
      applyAlertStep(
        submitted.value,
        { kind: 'approve', version: 2, issueAt: null, now },
        actors.editorApprover,
      ),
    ).toEqual({ ok: false, error: 'alert_same_person' })
    expect(
      applyAlertStep(submitted.value, { kind: 'approve', version: 2, issueAt: null, now }, actors.approver),
    ).toMatchObject({ ok: true, value: { state: 'issued', approvedBy: 'P', issuedAlone: null } })
  })

  it('refuses a person who submitted an alert as its approver', () => {
    const alert = { ...alertIn('submitted'), submittedBy: 'P' }
    expect(applyAlertStep(alert, stepOf('approve', 3), actors.approver)).toEqual({
      ok: false,
      error: 'alert_same_person',
    })
  })

  it('refuses a stale version on edit, submit, approve and return', () => {
    expect(applyAlertStep(alertIn('draft'), stepOf('edit', 2), actors.author).ok).toBe(false)
    expect(applyAlertStep(alertIn('draft'), stepOf('edit', 2), actors.author)).toEqual({
      ok: false,
      error: 'alert_stale_version',
    })
    expect(applyAlertStep(alertIn('draft'), stepOf('submit', 4), actors.author)).toEqual({
      ok: false,
      error: 'alert_stale_version',
    })
    expect(applyAlertStep(alertIn('submitted'), stepOf('approve', 2), actors.approver)).toEqual({
      ok: false,
      error: 'alert_stale_version',
    })
    expect(applyAlertStep(alertIn('submitted'), stepOf('return', 2), actors.approver)).toEqual({
      ok: false,
      error: 'alert_stale_version',
    })
  })

  it('schedules an approval for later, and issues it when due, not before', () => {
    const approved = applyAlertStep(
      alertIn('submitted'),
      { kind: 'approve', version: 3, issueAt: later, now },
      actors.approver,
    )
    expect(approved).toMatchObject({ ok: true, value: { state: 'approved', issueAt: later } })
    if (!approved.ok) return
    expect(applyAlertStep(approved.value, { kind: 'issueDue', now }, null)).toEqual({
      ok: false,
      error: 'alert_not_due',
    })
    expect(applyAlertStep(approved.value, { kind: 'issueDue', now: later }, null)).toMatchObject({
      ok: true,
      value: { state: 'issued' },
    })
    const past = applyAlertStep(
      alertIn('submitted'),
      { kind: 'approve', version: 3, issueAt: now, now: later },
      actors.approver,
    )
    expect(past).toMatchObject({ ok: true, value: { state: 'issued', issueAt: null } })
  })

  it('withdraws a scheduled alert by sending it back before its time', () => {
    const back = applyAlertStep(alertIn('approved'), stepOf('return', 3), actors.approver)
    expect(back).toMatchObject({ ok: true, value: { state: 'returned', approvedBy: null, issueAt: null } })
  })

  it('sends back with a reason only, and an edit makes it a draft again', () => {
    expect(
      applyAlertStep(alertIn('submitted'), { kind: 'return', version: 3, reason: '  ' }, actors.approver),
    ).toEqual({ ok: false, error: 'alert_reason_missing' })
    const returned = applyAlertStep(alertIn('submitted'), stepOf('return', 3), actors.approver)
    expect(returned).toMatchObject({
      ok: true,
      value: { state: 'returned', returnedReason: 'the area is too wide', submittedVersion: null },
    })
    if (!returned.ok) return
    expect(applyAlertStep(returned.value, stepOf('submit', 3), actors.author)).toEqual({
      ok: false,
      error: 'alert_invalid_transition',
    })
    expect(applyAlertStep(returned.value, stepOf('edit', 3), actors.author)).toMatchObject({
      ok: true,
      value: { state: 'draft', version: 4, returnedReason: null },
    })
  })

  it.each(issueExceptions)(
    'lets one approver issue alone a %s, marked as such, and no other',
    (exception) => {
      const alert = alertIn('draft', exception)
      expect(
        applyAlertStep(alert, { kind: 'issueAlone', version: 3, exception }, actors.authorApprover),
      ).toMatchObject({
        ok: true,
        value: { state: 'issued', approvedBy: 'A', issuedAlone: exception },
      })
      const other = issueExceptions.find((e) => e !== exception)!
      expect(
        applyAlertStep(alert, { kind: 'issueAlone', version: 3, exception: other }, actors.authorApprover),
      ).toEqual({
        ok: false,
        error: 'alert_no_exception',
      })
      expect(applyAlertStep(alert, { kind: 'issueAlone', version: 3, exception }, actors.author)).toEqual({
        ok: false,
        error: 'alert_not_permitted',
      })
    },
  )

  it('issues nothing whose status was not chosen as Actual, Exercise or Test', () => {
    for (const status of ['System', 'Draft'] as const) {
      const draft = { ...alertIn('draft', 'cancel'), status }
      expect(applyAlertStep(draft, stepOf('submit', 3), actors.author)).toEqual({
        ok: false,
        error: 'alert_status_not_chosen',
      })
      expect(applyAlertStep(draft, stepOf('issueAlone', 3), actors.approver)).toEqual({
        ok: false,
        error: 'alert_status_not_chosen',
      })
      expect(
        applyAlertStep({ ...alertIn('submitted'), status }, stepOf('approve', 3), actors.approver),
      ).toEqual({
        ok: false,
        error: 'alert_status_not_chosen',
      })
    }
    for (const status of ['Exercise', 'Test'] as const) {
      expect(
        applyAlertStep({ ...alertIn('submitted'), status }, stepOf('approve', 3), actors.approver),
      ).toMatchObject({ ok: true, value: { state: 'issued', status } })
    }
  })
})

describe('four eyes, as a property', () => {
  const users = ['A', 'B', 'C']
  const step = fc.record({
    user: fc.option(fc.constantFrom(...users), { nil: null }),
    mayDraft: fc.boolean(),
    mayApprove: fc.boolean(),
    kind: fc.constantFrom(...stepKinds),
    versionOffset: fc.constantFrom(0, 0, 0, -1),
    exception: fc.option(fc.constantFrom(...issueExceptions), { nil: null }),
    claim: fc.constantFrom(...issueExceptions),
    scheduled: fc.boolean(),
  })

  it('no sequence of steps issues an alert approved by one who worked on it, but through a named exception', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Actual', 'Exercise', 'Test', 'System'),
        fc.option(fc.constantFrom(...issueExceptions), { nil: null }),
        fc.array(step, { maxLength: 30 }),
        (status, exception, steps) => {
          let alert = newAlertLifecycle({ authorId: 'A', status, msgType: 'Alert', exception })
          const workedOn = new Set(['A'])
          for (const s of steps) {
            const by =
              s.user === null ? null : { userId: s.user, mayDraft: s.mayDraft, mayApprove: s.mayApprove }
            const version = alert.version + s.versionOffset
            const kind = s.kind
            const built: AlertStep =
              kind === 'edit'
                ? { kind, version, exception: s.exception }
                : kind === 'approve'
                  ? { kind, version, issueAt: s.scheduled ? later : null, now }
                  : kind === 'issueAlone'
                    ? { kind, version, exception: s.claim }
                    : kind === 'issueDue'
                      ? { kind, now: later }
                      : stepOf(kind, version)
            const before = alert
            const result = applyAlertStep(alert, built, by)
            if (!result.ok) {
              expect(result.error).toMatch(/^alert_/)
              continue
            }
            alert = result.value
            if (kind === 'edit' && by) workedOn.add(by.userId)
            const nowOut = alert.state === 'issued' || alert.state === 'approved'
            const wasOut = before.state === 'issued' || before.state === 'approved'
            if (nowOut && !wasOut) {
              expect(['Actual', 'Exercise', 'Test']).toContain(alert.status)
              expect(alert.approvedBy).toBe(by?.userId)
              expect(by?.mayApprove).toBe(true)
              if (workedOn.has(alert.approvedBy!)) {
                // only through the exception the content qualified for, and marked as such
                expect(kind).toBe('issueAlone')
                expect(alert.issuedAlone).not.toBeNull()
                expect(alert.issuedAlone).toBe(before.exception)
              } else if (kind === 'approve') {
                expect(alert.issuedAlone).toBeNull()
                expect(alert.approvedBy).not.toBe(before.submittedBy)
              }
            }
          }
        },
      ),
      { numRuns: 2000 },
    )
  })
})
