// Home page: the latest fixed public reports with their before and after photos
// ("show, don't tell"); before-only when no after photo was added.
import { Link } from '@remix-run/react'
import { fill } from '~/i18n'
import { formatDate } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { usePublicPrefix } from '~/utils/public-href'

type Photo = { storage_key: string; width: number; height: number } | null

interface Fix {
  code: string
  category_name_id: string
  category_name_en: string
  kelurahan_name: string | null
  resolved_at: string | Date | null
  before: Photo
  after: Photo
}

export function RecentFixes({ fixes, timeZone }: { fixes: Fix[]; timeZone: string }) {
  const { t, locale } = useLocale()
  const prefix = usePublicPrefix()
  if (fixes.length === 0) return null
  return (
    <section aria-labelledby="fixes-heading">
      <h2 id="fixes-heading">{t.publicList.recentHeading}</h2>
      <ul className="report-cards" data-testid="recent-fixes">
        {fixes.map((f) => {
          const category = locale === 'en' ? f.category_name_en : f.category_name_id
          return (
            <li key={f.code} className="report-card">
              <h3>
                <Link to={`${prefix}/laporan/${f.code}`}>{category}</Link> <span className="muted small">{f.code}</span>
              </h3>
              <p className="small">
                {f.kelurahan_name}
                {f.resolved_at ? ` · ${fill(t.publicList.resolvedOn, { date: formatDate(f.resolved_at, locale, timeZone) })}` : null}
              </p>
              {f.before || f.after ? (
                <div className="before-after">
                  <PhotoFigure photo={f.before} caption={t.publicList.before} alt={fill(t.publicList.beforeAlt, { category })} />
                  {f.after ? (
                    <PhotoFigure photo={f.after} caption={t.publicList.after} alt={fill(t.publicList.afterAlt, { category })} />
                  ) : (
                    <p className="small muted">{t.publicList.noAfterPhoto}</p>
                  )}
                </div>
              ) : null}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function PhotoFigure({ photo, caption, alt }: { photo: Photo; caption: string; alt: string }) {
  if (!photo) return <span />
  return (
    <figure>
      <img src={`/foto/${photo.storage_key}`} alt={alt} width={photo.width} height={photo.height} loading="lazy" />
      <figcaption className="small">{caption}</figcaption>
    </figure>
  )
}
