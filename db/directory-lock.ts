// A lock file beside the PGlite data directory. PGlite takes no lock itself, and two
// processes writing the same directory corrupt it; the second one must fail clearly.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'

export interface DirectoryLock {
  path: string
  release(): void
}

export class DirectoryLockedError extends Error {
  constructor(
    readonly directory: string,
    readonly pid: number,
  ) {
    super(
      `The database directory ${directory} is in use by another process (pid ${pid}). ` +
        `Stop that process first, or point DATABASE_URL at another directory or a PostgreSQL server.`,
    )
    this.name = 'DirectoryLockedError'
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function acquireDirectoryLock(directory: string): DirectoryLock {
  const path = `${directory}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      let released = false
      return {
        path,
        release() {
          if (released) return
          released = true
          rmSync(path, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number(readFileSync(path, 'utf8').trim())
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DirectoryLockedError(directory, pid)
      }
      if (pid === process.pid) throw new DirectoryLockedError(directory, pid)
      // Stale lock left by a crashed process: take it over.
      rmSync(path, { force: true })
    }
  }
  throw new Error(`Could not lock ${directory}`)
}
