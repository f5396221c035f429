import { fill } from '~/i18n'
import { useLocale } from '~/utils/locale'

export function ReportPhotos({ photos, token }: { photos: { storage_key: string; width: number; height: number }[]; token?: string | null }) {
  const { t } = useLocale()
  if (!photos.length) return null
  const query = token ? `?t=${encodeURIComponent(token)}` : ''
  return (
    <section aria-labelledby="photos-heading">
      <h2 id="photos-heading">{t.report.photos}</h2>
      <ul className="photos">
        {photos.map((p, i) => (
          <li key={p.storage_key}>
            <a href={`/foto/${p.storage_key}${query}`}>
              <img src={`/foto/${p.storage_key}${query}`} alt={fill(t.report.photoAlt, { n: i + 1 })} width={p.width} height={p.height} loading="lazy" />
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
