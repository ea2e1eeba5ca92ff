import { admissionReasonList } from '@liaison/core'
import { describe, expect, it } from 'vitest'
import { de } from './de.ts'
import { en } from './en.ts'
import { fr } from './fr.ts'
import { nl } from './nl.ts'

const dictionaries = { fr, nl, de, en } as const

describe.each(Object.entries(dictionaries))('the %s dictionary', (language, dictionary) => {
  it('puts every admission rule of core in words, and no other', () => {
    expect(Object.keys(dictionary.admission).sort()).toEqual([...admissionReasonList].sort())
  })

  it.each(admissionReasonList)('has its own sentence for %s', (reason) => {
    const sentence: string = dictionary.admission[reason]
    expect(sentence.trim()).not.toBe('')
    if (language !== 'en') expect(sentence).not.toBe(en.admission[reason])
  })
})
