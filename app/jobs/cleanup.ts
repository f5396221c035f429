// Hourly housekeeping: expired sessions, old rate-limit counters and login throttles, lapsed WhatsApp filings,
// and photo stashes nobody came back for (rows and their files). Each step deletes only
// what is already dead, so running it twice (a retry after a crash) is harmless.
import { forgetOldLoginAttempts } from '~/models/login-throttle.server'
import { deleteExpiredPhotoStashes } from '~/models/photo-stash.server'
import { deleteExpiredSessions } from '~/models/session.server'
import { forgetStaleConversations } from '~/models/whatsapp-conversation.server'
import { CONVERSATION_IDLE_MS } from '~/domain/whatsapp-conversation'
import { deletePhotos } from '~/utils/photos.server'
import { sweepExpiredLimits } from '~/utils/rate-limit.server'
import type { JobDefinition } from './types'

/** A login throttle row nobody touched for this long carries no information any more. */
const LOGIN_THROTTLE_MEMORY_MS = 24 * 3600_000
/** Meta redelivers a webhook for a few days at most; a week of handled message ids is plenty. */
const WHATSAPP_INBOUND_MEMORY_MS = 7 * 24 * 3600_000

export const cleanupJob: JobDefinition = {
  name: 'maintenance.cleanup',
  cron: '7 * * * *',
  options: { retryLimit: 2 },
  async handler(_data, { db, now, log }) {
    const at = now()
    const sessions = await deleteExpiredSessions(db, at)
    await sweepExpiredLimits(db, at.getTime())
    await forgetOldLoginAttempts(db, new Date(at.getTime() - LOGIN_THROTTLE_MEMORY_MS))
    // Rows first, then files: a crash in between leaves orphan files (harmless), never
    // rows pointing at deleted files.
    const stashed = await deleteExpiredPhotoStashes(db, at)
    await deletePhotos(stashed)
    // WhatsApp filings idle past 30 minutes are over (the next message starts again anyway).
    const lapsed = await forgetStaleConversations(db, new Date(at.getTime() - CONVERSATION_IDLE_MS), new Date(at.getTime() - WHATSAPP_INBOUND_MEMORY_MS))
    await deletePhotos(lapsed)
    log('cleanup done', { sessions, photoStashes: stashed.length, whatsappPhotos: lapsed.length })
  },
}
