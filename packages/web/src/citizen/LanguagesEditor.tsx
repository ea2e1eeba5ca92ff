import { useId, useState } from 'react'
import { fill } from './texts/citizenTexts.ts'
import { useCitizenTexts } from './useCitizenTexts.ts'

/** The languages a person may choose, each named in itself: the centres' four and Luxembourgish. */
export const readableLanguages: Readonly<Record<string, string>> = {
  fr: 'Français',
  nl: 'Nederlands',
  de: 'Deutsch',
  en: 'English',
  lb: 'Lëtzebuergesch',
}

export const languageName = (tag: string): string => readableLanguages[tag] ?? tag

/** The languages a person reads, in order: moved up and down, added and removed. */
export function LanguagesEditor({
  languages,
  onChange,
}: {
  readonly languages: readonly string[]
  readonly onChange: (languages: string[]) => void
}) {
  const { texts } = useCitizenTexts()
  const selectId = useId()
  const left = Object.keys(readableLanguages).filter((l) => !languages.includes(l))
  const [adding, setAdding] = useState('')
  const chosen = left.includes(adding) ? adding : (left[0] ?? '')
  const move = (from: number, to: number) => {
    const next = [...languages]
    const [moved] = next.splice(from, 1)
    if (moved !== undefined) next.splice(to, 0, moved)
    onChange(next)
  }
  return (
    <fieldset className="languages">
      <legend>{texts.languages.heading}</legend>
      <p className="field-hint">{texts.languages.hint}</p>
      {languages.length === 0 && <p className="message message-error">{texts.languages.none}</p>}
      <ol data-testid="chosen-languages">
        {languages.map((tag, index) => {
          const language = languageName(tag)
          return (
            <li key={tag} lang={tag}>
              <span className="language-name">{language}</span>{' '}
              <button
                type="button"
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
                aria-label={fill(texts.languages.up, { language })}
              >
                ↑
              </button>
              <button
                type="button"
                disabled={index === languages.length - 1}
                onClick={() => move(index, index + 1)}
                aria-label={fill(texts.languages.down, { language })}
              >
                ↓
              </button>
              <button
                type="button"
                onClick={() => onChange(languages.filter((l) => l !== tag))}
                aria-label={fill(texts.languages.remove, { language })}
              >
                ×
              </button>
            </li>
          )
        })}
      </ol>
      {left.length > 0 && (
        <div className="inline-row">
          <div className="field">
            <label htmlFor={selectId}>{texts.languages.add}</label>
            <select id={selectId} value={chosen} onChange={(event) => setAdding(event.target.value)}>
              {left.map((tag) => (
                <option key={tag} value={tag} lang={tag}>
                  {languageName(tag)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" onClick={() => chosen && onChange([...languages, chosen])}>
            {texts.languages.addButton}
          </button>
        </div>
      )}
    </fieldset>
  )
}
