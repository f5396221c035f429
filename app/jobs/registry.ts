// Every job the runtime serves: one import per job file (each helper adds its own line).
import { cleanupJob } from './cleanup'
import type { JobDefinition } from './types'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const JOBS: JobDefinition<any>[] = [cleanupJob]
