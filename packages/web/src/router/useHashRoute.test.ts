import { describe, expect, it } from 'vitest'
import { mayVisit } from '../shell/navItems.ts'
import {
  alertHref,
  alertIdFromHash,
  hrefOf,
  receivedCaseFromHash,
  receivedCaseHref,
  routeFromHash,
  alertProposalFromHash,
  alertProposalHref,
} from './useHashRoute.ts'

const id = '0b9d6a52-5a4e-4f27-9d0c-3f1c2e8a7b61'

describe('the alert addresses', () => {
  it('tells the list, the composer, the queue, an alert and its editor apart', () => {
    expect(routeFromHash(hrefOf('alerts'))).toBe('alerts')
    expect(routeFromHash('#/alerts/new')).toBe('alertNew')
    expect(routeFromHash('#/alerts/queue/')).toBe('alertQueue')
    expect(routeFromHash(alertHref(id))).toBe('alert')
    expect(routeFromHash(alertHref(id, true))).toBe('alertEdit')
    expect(alertIdFromHash(`#/alerts/${id.toUpperCase()}/edit`)).toBe(id)
    expect(routeFromHash('#/alerts/not-an-id')).toBeNull()
    expect(alertIdFromHash('#/cases/' + id)).toBeNull()
  })

  it('opens the alert pages to authors and approvers only, the composer to authors, the queue to approvers', () => {
    expect(mayVisit('alerts', ['alerts.draft', 'read'])).toBe(true)
    expect(mayVisit('alerts', ['alerts.approve', 'read'])).toBe(true)
    expect(mayVisit('alerts', ['read', 'cases.write'])).toBe(false)
    expect(mayVisit('alert', ['alerts.approve'])).toBe(true)
    expect(mayVisit('alert', ['read'])).toBe(false)
    expect(mayVisit('alertEdit', ['alerts.approve'])).toBe(true)
    expect(mayVisit('alertNew', ['alerts.draft'])).toBe(true)
    expect(mayVisit('alertNew', ['alerts.approve'])).toBe(false)
    expect(mayVisit('alertQueue', ['alerts.approve'])).toBe(true)
    expect(mayVisit('alertQueue', ['alerts.draft'])).toBe(false)
    expect(mayVisit('cases', ['read'])).toBe(true)
  })
})

describe("a partner's shared case", () => {
  it('is addressed by its origin node and id, and nothing else opens it', () => {
    expect(routeFromHash(alertProposalHref('be', id))).toBe('alertProposal')
    expect(alertProposalFromHash(alertProposalHref('nl', 'p-1'))).toEqual({ origin: 'nl', id: 'p-1' })
    expect(routeFromHash('#/alert-proposals/BE/x')).toBeNull()
    expect(mayVisit('alertProposal', ['read'])).toBe(true)
    expect(routeFromHash(receivedCaseHref('be', id))).toBe('partnerCase')
    expect(receivedCaseFromHash(`${receivedCaseHref('nl', id)}/`)).toEqual({ origin: 'nl', id })
    expect(receivedCaseFromHash(`#/partners/NL/cases/${id}`)).toBeNull()
    expect(receivedCaseFromHash(`#/partners/1x/cases/${id}`)).toBeNull()
    expect(receivedCaseFromHash('#/partners/be/cases/')).toBeNull()
    expect(routeFromHash(`#/partners/be/tasks/${id}`)).toBeNull()
    expect(mayVisit('partnerCase', ['read'])).toBe(true)
  })
})
