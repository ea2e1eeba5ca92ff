import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/ApiError.ts'
import {
  planDocumentAccept,
  planDocumentKind,
  planDocumentMaxBytes,
  planDocumentProblem,
  planUploadRefusal,
} from './planDocumentRules.ts'

describe('the kind of a plan document', () => {
  it.each([
    ['plan.pdf', 'application/pdf', 'application/pdf'],
    ['plan.bin', 'application/pdf', 'application/pdf'],
    ['PLAN.ODT', '', 'application/vnd.oasis.opendocument.text'],
    ['notes.txt', 'text/plain;charset=utf-8', 'text/plain'],
    ['scan.jpeg', 'application/octet-stream', 'image/jpeg'],
    ['plan.docx', '', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ])('of %s (the browser says %j) is %s', (name, type, declared) => {
    expect(planDocumentKind({ name, type })?.type).toBe(declared)
  })

  it('is unknown for a program', () => {
    expect(planDocumentKind({ name: 'setup.exe', type: 'application/x-msdownload' })).toBeNull()
  })

  it('is offered by the file chooser, by type and by extension', () => {
    expect(planDocumentAccept.split(',')).toEqual(expect.arrayContaining(['application/pdf', '.odt', '.jpg']))
  })
})

describe('a file chosen as a plan document', () => {
  const pdf = { name: 'plan.pdf', type: 'application/pdf', size: 1000 }
  it.each([
    [pdf, null],
    [{ ...pdf, size: planDocumentMaxBytes }, null],
    [{ ...pdf, size: planDocumentMaxBytes + 1 }, 'size'],
    [{ ...pdf, size: 0 }, 'empty'],
    [{ ...pdf, name: 'setup.exe', type: '' }, 'type'],
    [{ ...pdf, name: `${'x'.repeat(197)}.pdf` }, 'name'],
    [{ ...pdf, name: '  ' }, 'name'],
  ])('%o: %s', (file, problem) => {
    expect(planDocumentProblem(file)).toBe(problem)
  })
})

describe("the node's refusal of an upload", () => {
  const error = (status: number, code: string) => new ApiError({ status, code, message: code })
  it.each([
    [error(413, 'payload_too_large'), 'size'],
    [error(415, 'unsupported_media_type'), 'type'],
    [error(400, 'validation_failed'), 'content'],
    [error(403, 'other_organisation'), null],
    [new Error('boom'), null],
  ])('%s reads as %s', (refusal, problem) => {
    expect(planUploadRefusal(refusal)).toBe(problem)
  })
})
