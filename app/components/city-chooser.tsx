// The other cities of this install, offered on `/` when the host names none of them
// (several cities in one install, ADR 023). Nothing when there is only one.
import { Link } from '@remix-run/react'
import { useLocale } from '~/utils/locale'

export function CityChooser({ cities }: { cities: { slug: string; name: string }[] }) {
  const { t } = useLocale()
  if (cities.length === 0) return null
  return (
    <nav aria-labelledby="chooser-heading" data-testid="city-chooser">
      <h2 id="chooser-heading">{t.publicList.chooserHeading}</h2>
      <p>{t.publicList.chooserIntro}</p>
      <ul className="chooser-list">
        {cities.map((c) => (
          <li key={c.slug}>
            <Link to={`/${c.slug}`}>{c.name}</Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
