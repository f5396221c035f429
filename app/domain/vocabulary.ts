// Every closed set of values the app stores, defined once. db/types.ts, the models,
// the routes and the simulator derive their types and lists from here.
// The database's CHECK constraints (migration 0001 is frozen, so they are spelled
// out there) are compared with these lists by tests/integration/vocabulary.test.ts:
// adding a value means a migration that widens the CHECK, then a change here.
// Pure and client-safe: no I/O, no server-only imports.

// ---- Reports ----
export const REPORT_STATUSES = ['submitted', 'verified', 'in_progress', 'resolved', 'closed', 'rejected', 'duplicate'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

/** Still waiting for the unit's work: counted as open, can become overdue. */
export const OPEN_STATUSES = ['submitted', 'verified', 'in_progress'] as const satisfies readonly ReportStatus[]
/** Ended without a fix: they never count for or against being on time. */
export const DISMISSED_STATUSES = ['rejected', 'duplicate'] as const satisfies readonly ReportStatus[]
/** Staff can still act on these (a resolved report may still be reopened or closed). */
export const ACTIVE_STATUSES = [...OPEN_STATUSES, 'resolved'] as const satisfies readonly ReportStatus[]

export const REJECT_REASONS = ['out_of_remit', 'spam', 'insufficient_info'] as const
export type RejectReason = (typeof REJECT_REASONS)[number]

export const PRIVACY_LEVELS = ['public', 'anonymous', 'confidential'] as const
export type Privacy = (typeof PRIVACY_LEVELS)[number]

export const REPORT_SOURCES = ['web', 'open311', 'phone', 'simulated', 'whatsapp'] as const
export type ReportSource = (typeof REPORT_SOURCES)[number]
/**
 * Simulated history is a picture of the past (demo data): escalation and auto-close never act on it.
 * Imported Open311 history is too, but it shares the source 'open311' with live API reports, so it is
 * marked by reports.imported_at instead and the clock queries check that column as well (ADR 020).
 */
export const CLOCKLESS_SOURCES = ['simulated'] as const satisfies readonly ReportSource[]

export const RATING_FIXED = ['yes', 'no', 'unknown'] as const
export type RatingFixed = (typeof RATING_FIXED)[number]

export const ATTACHMENT_PHASES = ['before', 'after'] as const
export type AttachmentPhase = (typeof ATTACHMENT_PHASES)[number]

/** What stored photos may be (uploads are re-encoded; see utils/photos.server.ts). */
export const STORED_PHOTO_TYPES = ['image/jpeg', 'image/webp', 'image/png'] as const
export type StoredPhotoType = (typeof STORED_PHOTO_TYPES)[number]
/** What every photo is re-encoded to (EXIF stripped); the only type a photo stash holds. */
export const REENCODED_PHOTO_TYPES = ['image/jpeg'] as const satisfies readonly StoredPhotoType[]

// ---- Report history ----
export const EVENT_TYPES = [
  'created',
  'verified',
  'assigned',
  'transferred',
  'status_changed',
  'public_update',
  'internal_note',
  'resolved',
  'reopened',
  'rated',
  'duplicate_marked',
  'rejected',
  'escalated',
  /** The reporter added text or photos through the private link (public or staff-only, their choice). */
  'information_added',
  /** An officer proposes a rejection; a supervisor decides (internal). */
  'reject_proposed',
  /** On the original: another report was merged into this one as its duplicate. */
  'duplicate_linked',
  /** An officer took the report for themself. */
  'claimed',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** Who wrote an event (the state machine's ActorKind maps officer/supervisor to 'staff'). */
export const EVENT_ACTOR_KINDS = ['staff', 'reporter', 'system'] as const
export type EventActorKind = (typeof EVENT_ACTOR_KINDS)[number]

export const EVENT_VISIBILITIES = ['public', 'internal'] as const
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number]

// ---- SLA escalation ----
/** Which clock of a report ran out: the first response or the resolution. */
export const ESCALATION_TARGETS = ['response', 'resolution'] as const
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number]

// ---- Staff ----
export const STAFF_ROLES = ['officer', 'supervisor', 'admin', 'executive', 'inspector'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

/** What a one-time "set your password" link is for (issue 7 §2, migration 0010). */
export const STAFF_TOKEN_PURPOSES = ['invite', 'reset'] as const
export type StaffTokenPurpose = (typeof STAFF_TOKEN_PURPOSES)[number]

// ---- Reference data ----
export const PRIVACY_RULES = ['citizen_choice', 'always_confidential'] as const
export type PrivacyRule = (typeof PRIVACY_RULES)[number]

export const CLOCK_KINDS = ['calendar_hours', 'working_days'] as const
export type ClockKind = (typeof CLOCK_KINDS)[number]

export const HOLIDAY_KINDS = ['national', 'cuti_bersama', 'local'] as const
export type HolidayKind = (typeof HOLIDAY_KINDS)[number]

export const AREA_LEVELS = ['kecamatan', 'kelurahan'] as const
export type AreaLevel = (typeof AREA_LEVELS)[number]

export const ROUTING_SCOPES = ['kelurahan', 'kecamatan', 'jurisdiction'] as const
export type RoutingScope = (typeof ROUTING_SCOPES)[number]

export const UNIT_KINDS = ['dinas', 'badan', 'kecamatan', 'kelurahan', 'inspektorat', 'triage_desk', 'satuan', 'upt'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

// ---- Support and follow-up (issue 8) ----
/** How someone came to support a report: "saya juga" on the web or WhatsApp, Open311, or a merged duplicate's reporter. */
export const SUPPORT_ORIGINS = ['web', 'whatsapp', 'open311', 'duplicate'] as const
export type SupportOrigin = (typeof SUPPORT_ORIGINS)[number]

/** Channels a public report's updates can be followed on. */
export const SUBSCRIPTION_CHANNELS = ['email', 'whatsapp'] as const
export type SubscriptionChannel = (typeof SUBSCRIPTION_CHANNELS)[number]

export const SUBSCRIPTION_ORIGINS = ['supporter', 'subscriber', 'duplicate'] as const
export type SubscriptionOrigin = (typeof SUBSCRIPTION_ORIGINS)[number]

// ---- Filing by WhatsApp (issue 8 §6) ----
/** The steps of a WhatsApp filing conversation, in order (app/domain/whatsapp-conversation.ts). */
export const WHATSAPP_STEPS = ['category', 'description', 'location', 'photo', 'confirm'] as const
export type WhatsAppStep = (typeof WHATSAPP_STEPS)[number]

// ---- Audit trail (issue 7) ----
/** What an audit row records: an admin change (created/updated/deleted) or an account event. */
export const AUDIT_KINDS = [
  'created',
  'updated',
  'deleted',
  'login',
  'login_failed',
  'lockout',
  'logout',
  'password_changed',
  'password_reset_sent',
  'invite_sent',
  'invite_accepted',
  'sessions_revoked',
  'key_created',
  'key_revoked',
] as const
export type AuditKind = (typeof AUDIT_KINDS)[number]

export const AUDIT_ENTITIES = ['jurisdiction', 'unit', 'category', 'routing_rule', 'user', 'holiday', 'api_key', 'response_template', 'session'] as const
export type AuditEntity = (typeof AUDIT_ENTITIES)[number]

// ---- Notifications ----
export const NOTIFICATION_CHANNELS = ['email', 'sms', 'whatsapp', 'webhook'] as const
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number]

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number]

/** Every message the app sends (texts in app/notify/templates.ts). */
export const NOTIFICATION_TEMPLATES = [
  'report_received',
  'private_link_resent',
  'report_verified',
  'report_first_response',
  'report_update',
  'report_resolved',
  'report_rejected',
  'report_transferred',
  'report_reopened',
  'staff_new_report',
  'staff_reopened',
  'staff_digest',
  'escalation_supervisor',
  'escalation_executive',
  'staff_invite',
  'staff_password_reset',
  // Officer workflow (issue 7, ADR 018).
  'report_duplicate',
  'staff_assigned',
  // The reporter's follow-up (issue 8 §3, ADR 027).
  'staff_information_added',
] as const
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number]

/** The languages a message is written in (the recipient's, remembered when the row is written). */
export const NOTIFICATION_LOCALES = ['id', 'en'] as const
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number]

/** How an officer hears of new reports in their unit's queue (ADR 013). */
export const STAFF_NOTIFY_MODES = ['immediate', 'hourly_digest'] as const
export type StaffNotifyMode = (typeof STAFF_NOTIFY_MODES)[number]

/** Citizen opt-outs are per address, for email and for messages to a phone. */
export const OPT_OUT_CHANNELS = ['email', 'phone'] as const
export type OptOutChannel = (typeof OPT_OUT_CHANNELS)[number]

/** Open311 GeoReport v2 service attribute datatypes (categories.attributes, issue 9). */
export const OPEN311_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const
export type Open311Datatype = (typeof OPEN311_DATATYPES)[number]
// ---- Public list (/laporan, issue 8 §4) ----
/** Statuses the public list shows and filters by: rejected and merged duplicates are left out. */
export const PUBLIC_LIST_STATUSES = ['submitted', 'verified', 'in_progress', 'resolved', 'closed'] as const satisfies readonly ReportStatus[]
/** Sort orders of the public list: newest first, or most supported ("saya juga") first. */
export const PUBLIC_LIST_SORTS = ['newest', 'supported'] as const
export type PublicListSort = (typeof PUBLIC_LIST_SORTS)[number]
/** Periods of the public list filter, in days back from now. */
export const PUBLIC_LIST_PERIODS = ['7', '30', '90', '365'] as const
export type PublicListPeriod = (typeof PUBLIC_LIST_PERIODS)[number]

/** Membership test that narrows: `isOneOf(OPEN_STATUSES, s)`. */
export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value)
}
