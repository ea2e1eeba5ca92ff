import { refusalReasonList } from '@liaison/core'
import { describe, expect, it } from 'vitest'
import { de } from './de.ts'
import { en } from './en.ts'
import { fr } from './fr.ts'
import { nl } from './nl.ts'

const dictionaries = { fr, nl, de, en } as const

describe.each(Object.entries(dictionaries))('the %s dictionary', (language, dictionary) => {
  it('explains every refusal reason of core, and no other', () => {
    expect(Object.keys(dictionary.reasons).sort()).toEqual([...refusalReasonList].sort())
  })

  it.each(refusalReasonList)('has its own sentence for %s', (reason) => {
    const sentence: string = dictionary.reasons[reason]
    expect(sentence.trim()).not.toBe('')
    if (language !== 'en') expect(sentence).not.toBe(en.reasons[reason])
  })
})
