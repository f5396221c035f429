import { fill } from '~/i18n'
import { useLocale } from '~/utils/locale'

/** `visibility`: the event the photo hangs on (null: filed with the report); internal ones reach staff pages only. */
type Photo = { storage_key: string; width: number; height: number; phase?: string; visibility?: string | null }

/** The reporter's photos, then the staff's "after" photos of the resolution (ADR 018) under their own heading. */
export function ReportPhotos({ photos, token }: { photos: Photo[]; token?: string | null }) {
  const { t } = useLocale()
  const before = photos.filter((p) => p.phase !== 'after')
  const after = photos.filter((p) => p.phase === 'after')
  return (
    <>
      <PhotoList id="photos-heading" heading={t.report.photos} photos={before} alt={(n) => fill(t.report.photoAlt, { n })} token={token} />
      <PhotoList
        id="after-photos-heading"
        heading={t.officer.afterPhotosHeading}
        photos={after}
        alt={(n) => fill(t.officer.afterPhotoAlt, { n })}
        token={token}
      />
    </>
  )
}

function PhotoList({ id, heading, photos, alt, token }: { id: string; heading: string; photos: Photo[]; alt: (n: number) => string; token?: string | null }) {
  const { t } = useLocale()
  if (!photos.length) return null
  const query = token ? `?t=${encodeURIComponent(token)}` : ''
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <ul className="photos">
        {photos.map((p, i) => (
          <li key={p.storage_key}>
            <a href={`/foto/${p.storage_key}${query}`}>
              <img src={`/foto/${p.storage_key}${query}`} alt={alt(i + 1)} width={p.width} height={p.height} loading="lazy" />
            </a>
            {p.visibility === 'internal' ? <span className="muted small"> ({t.followup.staffOnlyPhoto})</span> : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
