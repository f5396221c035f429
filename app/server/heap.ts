// The V8 heap cap of the server (ADR 005). Without one, V8 lets the old space grow to
// about a quarter of the machine's memory before collecting hard, so RSS kept climbing
// under load (145 MB → 1.5 GB over ~10k page views on PostgreSQL). `npm start` passes
// --max-old-space-size=${NODE_HEAP_MB:-DEFAULT_HEAP_MB} (package.json); this module
// reports the cap in force at start-up.
import { getHeapStatistics } from 'node:v8'

/** Keep in step with the default in package.json's "start" script. */
export const DEFAULT_HEAP_MB = 320

/** The old-space cap in MB when one was given on the command line or in NODE_OPTIONS, else null. */
export function configuredHeapCapMb(): number | null {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
  const flag = flags.reverse().find((f) => /^--max-old-space-size=\d+$/.test(f))
  return flag ? Number(flag.split('=')[1]) : null
}

export function describeHeapCap(): string {
  const cap = configuredHeapCapMb()
  const limit = Math.round(getHeapStatistics().heap_size_limit / 1048576)
  return cap === null
    ? `no V8 heap cap (heap limit ${limit} MB): start with \`npm start\` or set --max-old-space-size (see NODE_HEAP_MB in the README)`
    : `V8 heap cap ${cap} MB (NODE_HEAP_MB)`
}
