// Every job the runtime serves: one import per job file.
import { autoCloseJob } from './auto-close'
import { cleanupJob } from './cleanup'
import { metricsRollupJob } from './metrics-rollup'
import { notificationDeliver } from './notification-deliver'
import { notificationDigest } from './notification-digest'
import { notificationSweep } from './notification-sweep'
import { openDataExportJob } from './open-data-export'
import { slaEscalateJob } from './sla-escalate'
import type { JobDefinition } from './types'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each job has its own data type
export const JOBS: JobDefinition<any>[] = [
  cleanupJob,
  slaEscalateJob,
  autoCloseJob,
  notificationDeliver,
  notificationSweep,
  notificationDigest,
  openDataExportJob,
  metricsRollupJob,
]
