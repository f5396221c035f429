// Migrations are registered in code (not read from a folder) so that the bundled
// server build carries them. Add new ones at the end; never edit a shipped one.
import type { Migration } from 'kysely/migration'
import * as initialSchema from './0001-initial-schema'
import * as filingCorrections from './0002-filing-corrections'
import * as abuseLimits from './0003-abuse-limits'
import * as submissionBinding from './0004-submission-binding'
import * as jobQueue from './0005-job-queue'
import * as escalationClocks from './0006-escalation-clocks'
import * as notifications from './0007-notifications'
import * as sharedFoundations from './0008-shared-foundations'
import * as categoryIcon from './0009-category-icon'
import * as staffAccounts from './0010-staff-accounts'
import * as officerWorkflow from './0011-officer-workflow'
import * as open311 from './0012-open311'
import * as open311Import from './0013-open311-import'
import * as metricRollups from './0014-metric-rollups'
import * as publicListIndexes from './0016-public-list-indexes'
import * as whatsappFiling from './0017-whatsapp-filing'
import * as referenceVersion from './0018-reference-version'
import * as open311MediaAndList from './0020-open311-media-and-list'
import * as monthlyRollups from './0021-monthly-rollups'
import * as responseAttribution from './0022-response-attribution'

export const migrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-filing-corrections': filingCorrections,
  '0003-abuse-limits': abuseLimits,
  '0004-submission-binding': submissionBinding,
  '0005-job-queue': jobQueue,
  '0006-escalation-clocks': escalationClocks,
  '0007-notifications': notifications,
  '0008-shared-foundations': sharedFoundations,
  '0009-category-icon': categoryIcon,
  '0010-staff-accounts': staffAccounts,
  '0011-officer-workflow': officerWorkflow,
  '0012-open311': open311,
  '0013-open311-import': open311Import,
  '0014-metric-rollups': metricRollups,
  '0016-public-list-indexes': publicListIndexes,
  '0017-whatsapp-filing': whatsappFiling,
  '0018-reference-version': referenceVersion,
  '0020-open311-media-and-list': open311MediaAndList,
  '0021-monthly-rollups': monthlyRollups,
  '0022-response-attribution': responseAttribution,
}
