import { useLocale } from '~/utils/locale'
import { usePublicHref } from '~/utils/public-href'

/** Look-up by tracking code: a plain GET form, so it works without JavaScript. */
export function TrackForm({ defaultValue, invalid }: { defaultValue?: string; invalid?: boolean }) {
  const { t } = useLocale()
  const action = usePublicHref('/lacak')
  return (
    <form method="get" action={action} className="inline-form">
      <div className="field">
        <label htmlFor="kode">{t.home.trackLabel}</label>
        <span className="hint" id="kode-hint">
          {t.home.trackHint}
        </span>
        <input
          type="text"
          id="kode"
          name="kode"
          defaultValue={defaultValue}
          autoComplete="off"
          autoCapitalize="characters"
          aria-describedby="kode-hint"
          aria-invalid={invalid ? true : undefined}
          required
        />
      </div>
      <button type="submit" className="secondary">
        {t.home.trackButton}
      </button>
    </form>
  )
}
