import { capProblemReasonList } from '@liaison/core'
import { describe, expect, it } from 'vitest'
import { de } from './de.ts'
import { en } from './en.ts'
import { fr } from './fr.ts'
import { nl } from './nl.ts'

const dictionaries = { fr, nl, de, en } as const

describe.each(Object.entries(dictionaries))('the %s dictionary', (language, dictionary) => {
  it('puts every CAP problem of core in words, and no other', () => {
    expect(Object.keys(dictionary.capProblems).sort()).toEqual([...capProblemReasonList].sort())
  })

  it.each(capProblemReasonList)('has its own sentence for %s', (reason) => {
    const sentence: string = dictionary.capProblems[reason]
    expect(sentence.trim()).not.toBe('')
    if (language !== 'en') expect(sentence).not.toBe(en.capProblems[reason])
  })
})
