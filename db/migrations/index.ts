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
import * as metricRollups from './0014-metric-rollups'

export const migrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-filing-corrections': filingCorrections,
  '0003-abuse-limits': abuseLimits,
  '0004-submission-binding': submissionBinding,
  '0005-job-queue': jobQueue,
  '0006-escalation-clocks': escalationClocks,
  '0007-notifications': notifications,
  '0008-shared-foundations': sharedFoundations,
  '0014-metric-rollups': metricRollups,
}
