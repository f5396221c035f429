// Tells the citizen what became of reports kept on the phone while offline (ADR 028):
// sends them on the next visit and when the connection returns, and shows what the
// service worker's Background Sync sent. Loads its code only when a report is waiting
// (a localStorage mark), so other visits pay nothing for it.
import { useEffect, useState } from 'react'
import { fill } from '~/i18n'
import type { SendResult } from '~/utils/offline-drafts.client'
import { useLocale } from '~/utils/locale'

export const DRAFTS_MARK = 'melayani-drafts-waiting'

export function DraftNotices() {
  const { t } = useLocale()
  const [results, setResults] = useState<SendResult[]>([])
  useEffect(() => {
    // The page and the service worker may both send one report (one is filed): one notice each.
    const isNew = (now: SendResult[], r: SendResult) => r.kind !== 'sent' || !now.some((n) => n.kind === 'sent' && n.code === r.code)
    const show = (more: SendResult[]) => more.length && setResults((now) => more.reduce((all, r) => (isNew(all, r) ? [...all, r] : all), now))
    const onMessage = (e: MessageEvent<{ type?: string; result?: SendResult }>) => {
      if (e.data?.type === 'melayani-draft' && e.data.result) show([e.data.result])
    }
    const send = () => {
      if (!navigator.onLine || !localStorage.getItem(DRAFTS_MARK)) return
      void import('~/utils/offline-drafts.client').then(async (m) => {
        show(await m.sendDrafts())
        if (!(await m.draftCount())) localStorage.removeItem(DRAFTS_MARK)
      })
    }
    send()
    window.addEventListener('online', send)
    navigator.serviceWorker?.addEventListener('message', onMessage)
    return () => {
      window.removeEventListener('online', send)
      navigator.serviceWorker?.removeEventListener('message', onMessage)
    }
  }, [])
  if (!results.length) return null
  return (
    <div role="status" data-testid="draft-notices">
      {results.map((r, i) =>
        r.kind === 'sent' ? (
          <p className="notice success" key={i}>
            {fill(t.offlineDrafts.sent, { code: r.code })} <a href={r.url}>{t.offlineDrafts.openReport}</a>
            {r.privateLink ? (
              <>
                <br />
                {t.offlineDrafts.privateLink}: <a href={r.privateLink}>{r.privateLink}</a>
              </>
            ) : null}
          </p>
        ) : (
          <p className="notice error" key={i}>
            {fill(t.offlineDrafts.refused, { summary: r.summary })}
          </p>
        ),
      )}
    </div>
  )
}
