import { useState } from 'react'
import { TextField } from '../components/TextField.tsx'
import type { PlaceMatches } from './citizenApi.ts'
import { citizenApi } from './citizenApi.ts'
import { describeCitizenError } from './describeCitizenError.ts'
import { fill } from './texts/citizenTexts.ts'
import { useCitizenTexts } from './useCitizenTexts.ts'

type Match = PlaceMatches['items'][number]

/** Searches the imported areas (municipalities) by name for a place, and hands back the one chosen. */
export function PlaceSearch({ onChoose }: { readonly onChoose: (match: Match) => void }) {
  const { texts, language } = useCitizenTexts()
  const [query, setQuery] = useState('')
  const [matches, setMatches] = useState<readonly Match[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const search = async () => {
    if (query.trim().length < 2) return
    setBusy(true)
    setError(null)
    try {
      setMatches((await citizenApi.searchPlaces(query.trim())).items)
    } catch (failure) {
      setError(describeCitizenError(failure, texts))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="place-search">
      {/* Enter in the search field searches: it must not send the registration around it */}
      <div
        className="inline-row"
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return
          event.preventDefault()
          void search()
        }}
      >
        <TextField
          label={texts.places.search}
          value={query}
          onChange={setQuery}
          type="search"
          maxLength={100}
        />
        <button type="button" onClick={() => void search()} disabled={busy}>
          {busy ? texts.places.searching : texts.places.searchButton}
        </button>
      </div>
      {error && (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
      {matches && (
        <div aria-live="polite">
          {matches.length === 0 ? (
            <p>{texts.places.noMatch}</p>
          ) : (
            <ul className="matches">
              {matches.map((m) => {
                const name = m.names[language] ?? m.name
                return (
                  <li key={m.code}>
                    <button
                      type="button"
                      onClick={() => {
                        onChoose(m)
                        setMatches(null)
                      }}
                    >
                      {fill(texts.places.use, { name })}
                    </button>
                  </li>
                )
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}
