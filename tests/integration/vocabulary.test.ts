// The database's CHECK constraints must accept exactly the domain's vocabulary.
// Migrations are frozen and spell their values out, so this is where a drift between
// app/domain/vocabulary.ts and the schema shows up (on PGlite and on PostgreSQL).
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as V from '~/domain/vocabulary'
import { checkValueLists } from '../setup/schema'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

/** Every column with a value-list CHECK, and the domain list it stores. */
const COLUMN_VOCABULARY: Record<string, readonly string[]> = {
  'areas.level': V.AREA_LEVELS,
  'units.kind': V.UNIT_KINDS,
  'categories.privacy_rule': V.PRIVACY_RULES,
  'categories.response_clock': V.CLOCK_KINDS,
  'categories.resolution_clock': V.CLOCK_KINDS,
  'routing_rules.scope': V.ROUTING_SCOPES,
  'users.role': V.STAFF_ROLES,
  'reports.privacy': V.PRIVACY_LEVELS,
  'reports.status': V.REPORT_STATUSES,
  'reports.reject_reason': V.REJECT_REASONS,
  'reports.source': V.REPORT_SOURCES,
  'attachments.phase': V.ATTACHMENT_PHASES,
  'attachments.content_type': V.STORED_PHOTO_TYPES,
  'photo_stashes.content_type': V.REENCODED_PHOTO_TYPES,
  'report_events.actor_kind': V.EVENT_ACTOR_KINDS,
  'report_events.type': V.EVENT_TYPES,
  'report_events.from_status': V.REPORT_STATUSES,
  'report_events.to_status': V.REPORT_STATUSES,
  'report_events.visibility': V.EVENT_VISIBILITIES,
  'ratings.fixed': V.RATING_FIXED,
  'holidays.kind': V.HOLIDAY_KINDS,
  'escalations.target': V.ESCALATION_TARGETS,
  'notification_outbox.channel': V.NOTIFICATION_CHANNELS,
  'notification_outbox.status': V.NOTIFICATION_STATUSES,
  'notification_outbox.locale': V.NOTIFICATION_LOCALES,
  'users.notify_mode': V.STAFF_NOTIFY_MODES,
  'notification_opt_outs.channel': V.OPT_OUT_CHANNELS,
  'audit_log.kind': V.AUDIT_KINDS,
  'audit_log.entity': V.AUDIT_ENTITIES,
  'report_supporters.origin': V.SUPPORT_ORIGINS,
  'report_subscriptions.channel': V.SUBSCRIPTION_CHANNELS,
  'report_subscriptions.origin': V.SUBSCRIPTION_ORIGINS,
  'report_subscriptions.locale': V.NOTIFICATION_LOCALES,
  'whatsapp_conversations.step': V.WHATSAPP_STEPS,
  'whatsapp_conversations.locale': V.NOTIFICATION_LOCALES,
  'whatsapp_conversations.privacy': V.PRIVACY_LEVELS,
  'staff_tokens.purpose': V.STAFF_TOKEN_PURPOSES,
  'report_events.reject_reason': V.REJECT_REASONS,
}

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase({ seed: false })
})
afterAll(() => t?.close())

describe('database CHECK constraints and the domain vocabulary', () => {
  it('finds the value lists (the parser understands what PostgreSQL prints)', async () => {
    const lists = await checkValueLists(t.db)
    expect(lists.get('reports.status')).toHaveLength(7)
    expect(lists.get('users.role')).toContain('inspector')
  })

  it('each vocabulary column accepts exactly the domain values', async () => {
    const lists = await checkValueLists(t.db)
    const mismatches = Object.entries(COLUMN_VOCABULARY)
      .map(([column, domain]) => ({ column, domain: [...domain].sort(), database: [...(lists.get(column) ?? [])].sort() }))
      .filter((c) => JSON.stringify(c.domain) !== JSON.stringify(c.database))
    expect(mismatches).toEqual([])
  })

  it('every value-list CHECK in the schema belongs to a domain vocabulary (add new ones to COLUMN_VOCABULARY)', async () => {
    const lists = await checkValueLists(t.db)
    expect([...lists.keys()].filter((column) => !(column in COLUMN_VOCABULARY))).toEqual([])
  })

  it('the database refuses a role outside the vocabulary (the CHECK is really there)', async () => {
    const j = await t.db
      .insertInto('jurisdictions')
      .values({ slug: 'uji', name: 'Uji', code: '99', time_zone: 'Asia/Jakarta', open311_id: 'uji', code_prefix: 'UJI' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$x$y'
    for (const role of V.STAFF_ROLES.filter((r) => r === 'admin' || r === 'executive')) {
      await t.db
        .insertInto('users')
        .values({ jurisdiction_id: j.id, email: `${role}@uji.test`, name: role, password_hash: hash, role, unit_id: null })
        .execute()
    }
    await expect(
      sql`INSERT INTO users (jurisdiction_id, email, name, password_hash, role) VALUES (${j.id}, 'x@uji.test', 'x', ${hash}, 'superuser')`.execute(t.db),
    ).rejects.toThrow(/check constraint/i)
  })
})
