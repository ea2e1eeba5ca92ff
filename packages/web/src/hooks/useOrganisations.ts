import { useCallback, useEffect, useState } from 'react'
import type { OrganisationRecord } from '../api/nodeApi.ts'
import { listOrganisations } from '../api/nodeApi.ts'

/** The node's organisations (empty for a role that may not list them), and a name for an id. */
export function useOrganisations(): {
  readonly organisations: readonly OrganisationRecord[]
  readonly nameOf: (id: string) => string
} {
  const [organisations, setOrganisations] = useState<readonly OrganisationRecord[]>([])
  useEffect(() => {
    let current = true
    listOrganisations().then(
      (answer) => current && setOrganisations(answer.items),
      () => undefined, // the ids are shown instead
    )
    return () => {
      current = false
    }
  }, [])
  const nameOf = useCallback(
    (id: string) => {
      const org = organisations.find((o) => o.id === id)
      return org ? `${org.name} (${org.code})` : id
    },
    [organisations],
  )
  return { organisations, nameOf }
}
