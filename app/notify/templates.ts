// The texts of every message, in Bahasa Indonesia and English. One function renders a
// row into an email (subject, text, HTML) and a WhatsApp template call; the links are
// passed in (they need the origin and, for the first message, the private token).
import type { NotificationLocale, NotificationTemplate, RejectReason } from '~/domain/vocabulary'
import { getDictionary } from '~/i18n'

export interface MessageLinks {
  /** The public report page. */
  report: string
  /** The reporter's private link (first message only, while the sealed token exists). */
  privateLink?: string | null
  /** The staff report page. */
  staff?: string
  /** One-click unsubscribe (citizen emails only). */
  unsubscribe?: string | null
  /** A staff member's one-time link to set a password (invitations and resets, while the sealed token exists). */
  setPassword?: string | null
}

export interface RenderedMessage {
  subject: string
  /** Paragraphs; the text part joins them with blank lines, the HTML part wraps each in <p>. */
  lines: string[]
  text: string
  html: string
  /** WhatsApp Business template: approved name + body parameters in order. */
  whatsapp: { name: string; language: string; params: string[] }
}

type Payload = {
  code?: string
  reason?: RejectReason
  unitName?: string
  body?: string | null
  codes?: string[]
  level?: string
  /** Staff account messages: whom the link is for, and where. */
  name?: string
  jurisdictionName?: string
  /** A merged duplicate's original. */
  originalCode?: string
}
type Texts = Record<NotificationTemplate, (p: Payload, l: MessageLinks) => { subject: string; lines: string[] }>

const id: Texts = {
  private_link_resent: (p, l) => ({
    subject: `Tautan pribadi baru untuk laporan ${p.code}`,
    lines: [
      l.privateLink
        ? `Tautan pribadi baru Anda (simpan, jangan dibagikan): ${l.privateLink}. Tautan lama tidak berlaku lagi.`
        : `Pantau laporan Anda di ${l.report}.`,
      `Jika Anda tidak memintanya, abaikan pesan ini.`,
    ],
  }),
  report_received: (p, l) => ({
    subject: `Laporan ${p.code} diterima`,
    lines: [
      `Terima kasih. Laporan Anda sudah kami terima dengan kode ${p.code}.`,
      l.privateLink
        ? `Tautan pribadi Anda (simpan, jangan dibagikan): ${l.privateLink}. Dengan tautan ini Anda dapat melihat laporan dan menilai penyelesaiannya.`
        : `Pantau laporan Anda di ${l.report}.`,
    ],
  }),
  report_verified: (p, l) => ({
    subject: `Laporan ${p.code} diverifikasi`,
    lines: [`Laporan ${p.code} sudah diverifikasi dan sedang ditangani.`, `Lihat: ${l.report}`],
  }),
  report_first_response: (p, l) => ({ subject: `Laporan ${p.code} ditanggapi`, lines: [`Petugas mulai menangani laporan ${p.code}.`, `Lihat: ${l.report}`] }),
  report_update: (p, l) => ({ subject: `Kabar terbaru laporan ${p.code}`, lines: [p.body ?? '', `Lihat: ${l.report}`] }),
  report_resolved: (p, l) => ({
    subject: `Laporan ${p.code} dinyatakan selesai`,
    lines: [
      `Petugas menyatakan laporan ${p.code} sudah selesai ditangani.`,
      `Mohon konfirmasi "sudah beres" atau "belum beres", dan beri nilai, melalui tautan pribadi dari pesan pertama kami. Laporan: ${l.report}`,
    ],
  }),
  report_rejected: (p, l) => ({
    subject: `Laporan ${p.code} ditolak`,
    lines: [`Laporan ${p.code} ditolak. Alasan: ${p.reason ? getDictionary('id').rejectReasons[p.reason] : '-'}.`, `Lihat: ${l.report}`],
  }),
  report_transferred: (p, l) => ({
    subject: `Laporan ${p.code} dialihkan`,
    lines: [`Laporan ${p.code} dialihkan ke ${p.unitName ?? '-'}.`, `Lihat: ${l.report}`],
  }),
  report_reopened: (p, l) => ({
    subject: `Laporan ${p.code} dibuka kembali`,
    lines: [`Laporan ${p.code} dibuka kembali dan akan ditangani lagi.`, `Lihat: ${l.report}`],
  }),
  staff_new_report: (p, l) => ({ subject: `Laporan baru ${p.code}`, lines: [`Laporan baru ${p.code} masuk ke antrean unit Anda.`, `Buka: ${l.staff}`] }),
  staff_reopened: (p, l) => ({ subject: `Laporan ${p.code} dibuka kembali`, lines: [`Pelapor membuka kembali laporan ${p.code}.`, `Buka: ${l.staff}`] }),
  staff_information_added: (p, l) => ({
    subject: `Informasi tambahan untuk laporan ${p.code}`,
    lines: [`Pelapor menambahkan informasi pada laporan ${p.code}.`, `Buka: ${l.staff}`],
  }),
  staff_digest: (p) => ({
    subject: `Ringkasan: ${p.codes?.length ?? 0} laporan baru`,
    lines: [`Laporan baru di antrean unit Anda dalam satu jam terakhir:`, (p.codes ?? []).join(', ')],
  }),
  escalation_supervisor: (p, l) => ({
    subject: `Eskalasi: laporan ${p.code} melewati target`,
    lines: [`Laporan ${p.code} melewati target waktu layanan.`, `Buka: ${l.staff}`],
  }),
  escalation_executive: (p, l) => ({
    subject: `Eskalasi pimpinan: laporan ${p.code}`,
    lines: [`Laporan ${p.code} sudah melewati dua kali target waktu layanan.`, `Buka: ${l.staff}`],
  }),
  staff_invite: (p, l) => ({
    subject: `Undangan akun petugas ${p.jurisdictionName ?? ''}`.trim(),
    lines: [
      `Halo ${p.name ?? ''}, Anda diundang memakai Melayani sebagai petugas ${p.jurisdictionName ?? ''}.`.replace(/ +/g, ' '),
      l.setPassword
        ? `Buat kata sandi Anda melalui tautan ini (berlaku 72 jam, sekali pakai, jangan dibagikan): ${l.setPassword}`
        : `Tautan undangan tidak dapat dibuat ulang dari pesan ini; minta admin mengirim undangan baru.`,
    ],
  }),
  staff_password_reset: (p, l) => ({
    subject: `Atur ulang kata sandi Melayani`,
    lines: [
      `Halo ${p.name ?? ''}, admin meminta kata sandi akun Melayani Anda diatur ulang.`.replace(/ +/g, ' '),
      l.setPassword
        ? `Buat kata sandi baru melalui tautan ini (berlaku 72 jam, sekali pakai, jangan dibagikan): ${l.setPassword}. Tautan sebelumnya tidak berlaku lagi.`
        : `Tautan tidak dapat dibuat ulang dari pesan ini; minta admin mengirim tautan baru.`,
    ],
  }),
  report_duplicate: (p, l) => ({
    subject: `Laporan ${p.code} digabung dengan ${p.originalCode ?? '-'}`,
    lines: [
      `Masalah yang Anda laporkan (${p.code}) sudah dilaporkan sebelumnya sebagai ${p.originalCode ?? '-'}. Laporan Anda digabung ke sana dan dihitung sebagai dukungan.`,
      `Kabar terbaru laporan ${p.originalCode ?? '-'} akan kami kirim kepada Anda juga. Lihat: ${l.report}`,
    ],
  }),
  staff_assigned: (p, l) => ({
    subject: `Laporan ${p.code} ditugaskan kepada Anda`,
    lines: [`Anda ditugaskan menangani laporan ${p.code}.`, `Buka: ${l.staff}`],
  }),
}

const en: Texts = {
  private_link_resent: (p, l) => ({
    subject: `New private link for report ${p.code}`,
    lines: [
      l.privateLink
        ? `Your new private link (keep it, do not share it): ${l.privateLink}. The old link no longer works.`
        : `Follow your report at ${l.report}.`,
      `If you did not ask for it, ignore this message.`,
    ],
  }),
  report_received: (p, l) => ({
    subject: `Report ${p.code} received`,
    lines: [
      `Thank you. We have received your report, code ${p.code}.`,
      l.privateLink
        ? `Your private link (keep it, do not share it): ${l.privateLink}. With it you can see your report and rate its resolution.`
        : `Follow your report at ${l.report}.`,
    ],
  }),
  report_verified: (p, l) => ({
    subject: `Report ${p.code} verified`,
    lines: [`Report ${p.code} has been verified and is being handled.`, `See: ${l.report}`],
  }),
  report_first_response: (p, l) => ({ subject: `Report ${p.code} answered`, lines: [`Staff have started work on report ${p.code}.`, `See: ${l.report}`] }),
  report_update: (p, l) => ({ subject: `News on report ${p.code}`, lines: [p.body ?? '', `See: ${l.report}`] }),
  report_resolved: (p, l) => ({
    subject: `Report ${p.code} marked resolved`,
    lines: [
      `Staff say report ${p.code} has been resolved.`,
      `Please confirm "fixed" or "not fixed", and rate it, through the private link from our first message. Report: ${l.report}`,
    ],
  }),
  report_rejected: (p, l) => ({
    subject: `Report ${p.code} rejected`,
    lines: [`Report ${p.code} was rejected. Reason: ${p.reason ? getDictionary('en').rejectReasons[p.reason] : '-'}.`, `See: ${l.report}`],
  }),
  report_transferred: (p, l) => ({
    subject: `Report ${p.code} transferred`,
    lines: [`Report ${p.code} was transferred to ${p.unitName ?? '-'}.`, `See: ${l.report}`],
  }),
  report_reopened: (p, l) => ({
    subject: `Report ${p.code} reopened`,
    lines: [`Report ${p.code} has been reopened and will be handled again.`, `See: ${l.report}`],
  }),
  staff_new_report: (p, l) => ({ subject: `New report ${p.code}`, lines: [`A new report ${p.code} is in your unit's queue.`, `Open: ${l.staff}`] }),
  staff_reopened: (p, l) => ({ subject: `Report ${p.code} reopened`, lines: [`The reporter reopened report ${p.code}.`, `Open: ${l.staff}`] }),
  staff_information_added: (p, l) => ({
    subject: `More information on report ${p.code}`,
    lines: [`The reporter added information to report ${p.code}.`, `Open: ${l.staff}`],
  }),
  staff_digest: (p) => ({
    subject: `Digest: ${p.codes?.length ?? 0} new reports`,
    lines: [`New reports in your unit's queue in the last hour:`, (p.codes ?? []).join(', ')],
  }),
  escalation_supervisor: (p, l) => ({
    subject: `Escalation: report ${p.code} is overdue`,
    lines: [`Report ${p.code} has passed its service target.`, `Open: ${l.staff}`],
  }),
  escalation_executive: (p, l) => ({
    subject: `Executive escalation: report ${p.code}`,
    lines: [`Report ${p.code} has passed twice its service target.`, `Open: ${l.staff}`],
  }),
  staff_invite: (p, l) => ({
    subject: `Staff account invitation ${p.jurisdictionName ?? ''}`.trim(),
    lines: [
      `Hello ${p.name ?? ''}, you are invited to use Melayani as staff of ${p.jurisdictionName ?? ''}.`.replace(/ +/g, ' '),
      l.setPassword
        ? `Set your password through this link (valid 72 hours, single use, do not share it): ${l.setPassword}`
        : `The invitation link can't be rebuilt from this message; ask an admin for a new invitation.`,
    ],
  }),
  staff_password_reset: (p, l) => ({
    subject: `Reset your Melayani password`,
    lines: [
      `Hello ${p.name ?? ''}, an admin asked for your Melayani password to be reset.`.replace(/ +/g, ' '),
      l.setPassword
        ? `Set a new password through this link (valid 72 hours, single use, do not share it): ${l.setPassword}. Earlier links no longer work.`
        : `The link can't be rebuilt from this message; ask an admin for a new one.`,
    ],
  }),
  report_duplicate: (p, l) => ({
    subject: `Report ${p.code} merged into ${p.originalCode ?? '-'}`,
    lines: [
      `The problem you reported (${p.code}) had already been reported as ${p.originalCode ?? '-'}. Your report was merged into it and counts as support.`,
      `We will send you the news on report ${p.originalCode ?? '-'} too. See: ${l.report}`,
    ],
  }),
  staff_assigned: (p, l) => ({ subject: `Report ${p.code} assigned to you`, lines: [`You have been assigned report ${p.code}.`, `Open: ${l.staff}`] }),
}

const TEXTS: Record<NotificationLocale, Texts> = { id, en }

const FOOTER: Record<NotificationLocale, (url: string) => string> = {
  id: (url) => `Tidak ingin menerima email dari Melayani lagi? Berhenti berlangganan: ${url}`,
  en: (url) => `Don't want these emails from Melayani any more? Unsubscribe: ${url}`,
}

function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Plain text with its URLs made into links. */
function htmlParagraph(line: string) {
  return `<p>${escapeHtml(line).replace(/https?:\/\/[^\s<]+[^\s<.,;:)]/g, (url) => `<a href="${url}">${url}</a>`)}</p>`
}

export function isKnownTemplate(name: string): name is NotificationTemplate {
  return name in id
}

export function renderMessage(template: NotificationTemplate, locale: NotificationLocale, payload: Payload, links: MessageLinks): RenderedMessage {
  const { subject, lines: body } = TEXTS[locale][template](payload, links)
  const lines = body.filter((line) => line !== '')
  const all = links.unsubscribe ? [...lines, FOOTER[locale](links.unsubscribe)] : lines
  return {
    subject: `[Melayani] ${subject}`,
    lines,
    text: `${all.join('\n\n')}\n`,
    html: `<!doctype html><html lang="${locale}"><body>${all.map(htmlParagraph).join('')}</body></html>`,
    // Approved Business templates take the message's own lines as body parameters.
    whatsapp: { name: `melayani_${template}`, language: locale, params: lines },
  }
}
