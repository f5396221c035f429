// Every job the workers run: one import per job file.
/* eslint-disable @typescript-eslint/no-explicit-any -- definitions differ in their data type */
import type { JobDefinition } from './types'
import { notificationDeliver } from './notification-deliver'
import { notificationSweep } from './notification-sweep'
import { notificationDigest } from './notification-digest'

export const JOBS: JobDefinition<any>[] = [notificationDeliver, notificationSweep, notificationDigest]
