// Where the embedded database and the photos live by default, as the server sees them
// (app/utils/env.server.ts): DATABASE_URL or ./data/pglite; UPLOAD_DIR or <DATA_DIR>/uploads.
import { join } from 'node:path'
import { DEFAULT_DATABASE_URL } from './open'

export function defaultDataDir(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL
}

export function defaultUploadDir(): string {
  return process.env.UPLOAD_DIR || join(process.env.DATA_DIR || './data', 'uploads')
}
