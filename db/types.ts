// Kysely table types, kept by hand in step with db/migrations (a test holds them to it).
// Generated<T>: the database fills it in (identity, defaults).
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type {
  AreaLevel,
  AuditEntity,
  AuditKind,
  SubscriptionChannel,
  SubscriptionOrigin,
  SupportOrigin,
  WhatsAppStep,
  AttachmentPhase,
  ClockKind,
  EscalationTarget,
  EventActorKind,
  EventType,
  EventVisibility,
  HolidayKind,
  NotificationChannel,
  NotificationLocale,
  OptOutChannel,
  StaffNotifyMode,
  NotificationStatus,
  Privacy,
  PrivacyRule,
  RatingFixed,
  RejectReason,
  ReportSource,
  ReportStatus,
  RoutingScope,
  StaffRole,
  StaffTokenPurpose,
  StoredPhotoType,
  UnitKind,
} from '../app/domain/vocabulary'
import type { StoredAttribute } from '../app/domain/open311'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

// Value sets come from the domain vocabulary (defined once there); the aliases keep
// the names the models already use. tests/integration/db-types.test.ts checks this
// file against the migrated database.
export type ReportStatusValue = ReportStatus
export type PrivacyValue = Privacy
export type RoleValue = StaffRole
export type ClockValue = ClockKind
export type EventTypeValue = EventType
export type UnitKindValue = UnitKind
export type GeoJsonGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] }

export interface JurisdictionsTable {
  id: Generated<number>
  slug: string
  name: string
  code: string
  time_zone: string
  open311_id: string
  code_prefix: string
  created_at: TimestampDefault
}

export interface AreasTable {
  id: Generated<number>
  jurisdiction_id: number
  level: AreaLevel
  code: string
  name: string
  parent_id: number | null
  polygon: Json<GeoJsonGeometry> | null
  centroid_lat: number | null
  centroid_lng: number | null
}

export interface UnitsTable {
  id: Generated<number>
  jurisdiction_id: number
  key: string
  name: string
  short_name: string
  kind: UnitKindValue
  parent_id: number | null
  area_id: number | null
  active: Generated<boolean>
}

export interface CategoriesTable {
  id: Generated<number>
  jurisdiction_id: number
  code: string
  group_code: string
  name_id: string
  name_en: string
  description_id: string
  description_en: string
  default_unit_id: number | null
  privacy_rule: PrivacyRule
  is_misconduct: Generated<boolean>
  is_emergency: Generated<boolean>
  emergency_advice_id: string | null
  emergency_advice_en: string | null
  response_target: number
  response_clock: ClockValue
  resolution_target: number
  resolution_clock: ClockValue
  keywords: ColumnType<string[], string | undefined, string>
  sort_order: Generated<number>
  active: Generated<boolean>
  /** A foreign Open311 service_code kept by an import when it does not fit `code` (migration 0013). */
  open311_code: string | null
  /** Emoji shown beside the name (migration 0009). */
  icon: string | null
  /** Open311 service attributes (migration 0012); '[]' for none. */
  attributes: ColumnType<StoredAttribute[], string | undefined, string>
}

export interface RoutingRulesTable {
  id: Generated<number>
  jurisdiction_id: number
  category_id: number
  scope: RoutingScope
  area_id: number | null
  unit_id: number
  precedence: Generated<number>
  note: string | null
}

export interface UsersTable {
  id: Generated<number>
  jurisdiction_id: number
  email: string
  name: string
  password_hash: string
  role: RoleValue
  unit_id: number | null
  active: Generated<boolean>
  failed_login_count: Generated<number>
  locked_until: Timestamp | null
  last_login_at: Timestamp | null
  created_at: TimestampDefault
  notify_mode: Generated<StaffNotifyMode>
  /** Channels a staff member hears on (migration 0011). */
  notify_email: Generated<boolean>
  notify_whatsapp: Generated<boolean>
  whatsapp_phone: string | null
}

export interface SessionsTable {
  id: string
  user_id: number
  created_at: TimestampDefault
  expires_at: Timestamp
  revoked_at: Timestamp | null
}

export interface ReportsTable {
  id: Generated<number>
  code: string
  jurisdiction_id: number
  category_id: number
  area_id: number | null
  lat: number | null
  lng: number | null
  address: string | null
  description: string
  privacy: PrivacyValue
  status: ReportStatusValue
  reject_reason: RejectReason | null
  current_unit_id: number
  assigned_user_id: number | null
  source: ColumnType<ReportSource, ReportSource | undefined, never>
  created_at: TimestampDefault
  updated_at: TimestampDefault
  first_response_at: Timestamp | null
  resolved_at: Timestamp | null
  closed_at: Timestamp | null
  response_due_at: Timestamp
  resolution_due_at: Timestamp
  reopen_count: Generated<number>
  duplicate_of_id: number | null
  supporter_count: Generated<number>
  version: Generated<number>
  /** SHA-256 of (client key, resubmission_hash): a key replays only the same content from the same browser. */
  idempotency_key: string | null
  /** SHA-256 of (browser cookie, content fingerprint); migration 0004. */
  resubmission_hash: string | null
  reporter_token_hash: string | null
  /** The foreign service_request_id of an imported (or Open311) record; unique per jurisdiction (migration 0013). */
  open311_id: string | null
  /** Set on rows written by the Open311 importer: the SLA clocks never act on them (migration 0013, ADR 020). */
  imported_at: Timestamp | null
  /** An imported record's external photo link (Open311 media_url), http(s) (migration 0020, ADR 029). */
  media_url: string | null
  /** Open311 attribute values given when filing (migration 0012). */
  attributes: Json<Record<string, string | string[]>> | null
  /** An officer's rejection proposal awaiting a supervisor (migration 0011). */
  reject_proposal_event_id: number | null
}

export interface ReportContactsTable {
  report_id: number
  name: string | null
  email: string | null
  phone: string | null
  created_at: TimestampDefault
}

export interface AttachmentsTable {
  id: Generated<number>
  report_id: number
  phase: AttachmentPhase
  storage_key: string
  content_type: StoredPhotoType
  size_bytes: number
  width: number
  height: number
  uploaded_by_user_id: number | null
  created_at: TimestampDefault
  /** The event the photo belongs to (after photos, added information); its visibility is the event's (migration 0008). */
  event_id: number | null
}

export interface ReportEventsTable {
  id: Generated<number>
  report_id: number
  created_at: TimestampDefault
  actor_kind: EventActorKind
  actor_user_id: number | null
  type: EventTypeValue
  from_status: ReportStatusValue | null
  to_status: ReportStatusValue | null
  from_unit_id: number | null
  to_unit_id: number | null
  body: string | null
  visibility: EventVisibility
  /** The reason kind of a 'reject_proposed' event (migration 0011). */
  reject_reason: RejectReason | null
}

export interface RatingsTable {
  id: Generated<number>
  report_id: number
  /** Which resolution of the report this rates: 1, 2, … (unique per report). */
  resolution_number: number
  score: number
  comment: string | null
  fixed: RatingFixed
  created_at: TimestampDefault
}

/** Photos of a refused report form, kept for the same browser until expires_at (migration 0002). */
export interface PhotoStashesTable {
  id: Generated<number>
  owner_hash: string
  storage_key: string
  content_type: 'image/jpeg'
  size_bytes: number
  width: number
  height: number
  created_at: TimestampDefault
  expires_at: Timestamp
}

export interface IkmResponsesTable {
  id: Generated<number>
  jurisdiction_id: number
  unit_id: number
  report_id: number | null
  u1: number
  u2: number
  u3: number
  u4: number
  u5: number
  u6: number
  u7: number
  u8: number
  u9: number
  created_at: TimestampDefault
}

export interface HolidaysTable {
  id: Generated<number>
  jurisdiction_id: number | null
  date: ColumnType<string, string, string>
  name: string
  kind: HolidayKind
  /** Computed ahead of the SKB 3 Menteri; an admin confirms it (migration 0006). */
  provisional: Generated<boolean>
}

/** One row per escalation level fired: report, target, round (resolution number), level (migration 0006). */
export interface EscalationsTable {
  id: Generated<number>
  report_id: number
  target: EscalationTarget
  round: number
  level: number
  due_at: Timestamp
  fired_at: Timestamp
  next_due_at: Timestamp | null
}

export interface NotificationOutboxTable {
  id: Generated<number>
  report_id: number | null
  channel: NotificationChannel
  recipient: string
  template: string
  payload: ColumnType<Record<string, unknown>, string | undefined, string>
  status: Generated<NotificationStatus>
  attempts: Generated<number>
  next_attempt_at: TimestampDefault
  last_error: string | null
  created_at: TimestampDefault
  sent_at: Timestamp | null
  locale: Generated<NotificationLocale>
  user_id: number | null
  lease_until: Timestamp | null
  provider_message_id: string | null
  secret_ciphertext: string | null
}

export interface NotificationOptOutsTable {
  channel: OptOutChannel
  recipient_hash: string
  created_at: TimestampDefault
}

export interface RateLimitsTable {
  key: string
  points: Generated<number>
  expire: number | null
}

export interface LoginThrottleTable {
  key: string
  attempts: number
  locked_until: Timestamp | null
  grant_id: string
  updated_at: Timestamp
  /** SHA-256 of the lower-cased e-mail typed (migration 0010): an admin's unlock finds the rows by it. */
  account_hash: string | null
}

/** Append-only (migration 0008): admin changes and account events. */
export interface AuditLogTable {
  id: Generated<number>
  jurisdiction_id: number | null
  created_at: TimestampDefault
  actor_user_id: number | null
  kind: AuditKind
  entity: AuditEntity | null
  entity_id: string | null
  /** Who or what the row is about in words, e.g. the e-mail of a failed sign-in. */
  subject: string | null
  before: ColumnType<Record<string, unknown> | null, string | null | undefined, never>
  after: ColumnType<Record<string, unknown> | null, string | null | undefined, never>
  ip: string | null
}

/** Open311 POST keys; only the SHA-256 of the key is stored (migration 0008). */
export interface ApiKeysTable {
  id: Generated<number>
  jurisdiction_id: number
  name: string
  key_prefix: string
  key_hash: string
  created_by_user_id: number | null
  created_at: TimestampDefault
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

export interface ReportSupportersTable {
  id: Generated<number>
  report_id: number
  origin: SupportOrigin
  /** SHA-256 hex of who supports (browser id, phone, contact): one support per person per report. */
  supporter_key: string
  duplicate_report_id: number | null
  created_at: TimestampDefault
}

/** Followers of a report's updates; recipient is a contact and never public (migration 0008). */
export interface ReportSubscriptionsTable {
  id: Generated<number>
  report_id: number
  channel: SubscriptionChannel
  recipient: string
  locale: Generated<NotificationLocale>
  origin: SubscriptionOrigin
  created_at: TimestampDefault
  unsubscribed_at: Timestamp | null
}

/** A citizen's WhatsApp filing in progress, one per phone (migration 0017). The phone is private. */
export interface WhatsappConversationsTable {
  phone: string
  jurisdiction_id: number
  step: WhatsAppStep
  locale: Generated<NotificationLocale>
  category_id: number | null
  description: string | null
  area_id: number | null
  lat: number | null
  lng: number | null
  /** The photo already re-encoded and stored: { storageKey, contentType, sizeBytes, width, height }. */
  photo: ColumnType<WhatsAppStoredPhoto | null, string | null, string | null>
  /** The citizen's choice at the confirm step ("rahasia", "anonim"); public unless they say otherwise. */
  privacy: Generated<Privacy>
  started_at: Timestamp
  updated_at: Timestamp
}

export interface WhatsAppStoredPhoto {
  storageKey: string
  contentType: 'image/jpeg'
  sizeBytes: number
  width: number
  height: number
}

/** Ids of inbound WhatsApp messages already handled (webhook redeliveries are ignored). */
export interface WhatsappInboundTable {
  message_id: string
  received_at: Timestamp
}

/** One row: bumped by a trigger on every change to reference tables (migration 0018). */
export interface ReferenceVersionTable {
  id: Generated<boolean>
  instance: Generated<string>
  version: number
}

/** One-time links to set a password: invitations and resets; only the token's SHA-256 is stored (migration 0010). */
export interface StaffTokensTable {
  id: Generated<number>
  user_id: number
  purpose: StaffTokenPurpose
  token_hash: string
  created_by_user_id: number | null
  created_at: TimestampDefault
  expires_at: Timestamp
  used_at: Timestamp | null
  revoked_at: Timestamp | null
}

/** A unit's canned public replies, kept by its supervisors (migration 0011). */
export interface ResponseTemplatesTable {
  id: Generated<number>
  unit_id: number
  title: string
  body: string
  created_by_user_id: number | null
  created_at: TimestampDefault
  updated_at: TimestampDefault
  // Metric rollups (migration 0014, ADR 021): per local day (a 'YYYY-MM-DD' string).
}

export interface MetricRollupCounts {
  reports: number
  supporters: number
  resolved: number
  ever_resolved: number
  reopened: number
  dismissed: number
  open: number
  response_on_time: number
  response_late: number
  resolution_on_time: number
  resolution_late: number
  ratings: number
  rating_sum: number
  rating_high: number
  confirmed_fixed: number
  public_updated: number
  fast_closed: number
  response_buckets: number[]
  response_counts: number[]
  resolution_buckets: number[]
  resolution_counts: number[]
}

export interface MetricRollupsAreaTable extends MetricRollupCounts {
  jurisdiction_id: number
  day: string
  unit_id: number
  category_id: number
  area_id: number | null
}

export interface MetricRollupsTable extends MetricRollupCounts {
  jurisdiction_id: number
  day: string
  unit_id: number
  category_id: number
}

/** 0021: the same per local month; `day` is the month's first day. */
export type MetricRollupsMonthTable = MetricRollupsTable
export type MetricRollupsAreaMonthTable = MetricRollupsAreaTable

export interface MetricRollupStateTable {
  jurisdiction_id: number
  refreshed_at: Timestamp
  max_report_id: number
}

export interface DB {
  jurisdictions: JurisdictionsTable
  areas: AreasTable
  units: UnitsTable
  categories: CategoriesTable
  routing_rules: RoutingRulesTable
  users: UsersTable
  sessions: SessionsTable
  reports: ReportsTable
  report_contacts: ReportContactsTable
  attachments: AttachmentsTable
  report_events: ReportEventsTable
  ratings: RatingsTable
  photo_stashes: PhotoStashesTable
  ikm_responses: IkmResponsesTable
  holidays: HolidaysTable
  escalations: EscalationsTable
  notification_outbox: NotificationOutboxTable
  notification_opt_outs: NotificationOptOutsTable
  rate_limits: RateLimitsTable
  login_throttle: LoginThrottleTable
  audit_log: AuditLogTable
  api_keys: ApiKeysTable
  report_supporters: ReportSupportersTable
  report_subscriptions: ReportSubscriptionsTable
  whatsapp_conversations: WhatsappConversationsTable
  whatsapp_inbound: WhatsappInboundTable
  reference_version: ReferenceVersionTable
  staff_tokens: StaffTokensTable
  response_templates: ResponseTemplatesTable
  metric_rollups_area: MetricRollupsAreaTable
  metric_rollups: MetricRollupsTable
  metric_rollup_state: MetricRollupStateTable
  metric_rollups_month: MetricRollupsMonthTable
  metric_rollups_area_month: MetricRollupsAreaMonthTable
}

export type Report = Selectable<ReportsTable>
export type NewReport = Insertable<ReportsTable>
export type ReportUpdate = Updateable<ReportsTable>
export type NewReportEvent = Insertable<ReportEventsTable>
export type User = Selectable<UsersTable>
export type Category = Selectable<CategoriesTable>
