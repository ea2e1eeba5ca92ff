import type { ReactNode } from 'react'
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx'

export interface CentreHeaderProps {
  readonly centreName: string
  /** On the sign-in page the centre's name is the page's heading; elsewhere the page has its own. */
  readonly asHeading?: boolean
  /** What sits between the name and the language switcher: the signed-in user. */
  readonly children?: ReactNode
}

/** The banner of every screen: the centre's name, then what the screen adds, then the language switcher. */
export function CentreHeader({ centreName, asHeading = false, children }: CentreHeaderProps) {
  return (
    <header className="site-header">
      <div className="brand">
        <img src="/icon.svg" alt="" width={32} height={32} />
        {asHeading ? (
          <h1 className="centre-name" data-testid="centre-name">
            {centreName}
          </h1>
        ) : (
          <p className="centre-name" data-testid="centre-name">
            {centreName}
          </p>
        )}
      </div>
      {children}
      <LanguageSwitcher />
    </header>
  )
}
