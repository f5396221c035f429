// Integration tests run against PGlite unless TEST_DATABASE_URL names a PostgreSQL server.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

process.env.NODE_ENV ??= 'test'
process.env.SESSION_SECRET ??= 'test-secret-test-secret-test-secret-0123'
process.env.UPLOAD_DIR ??= mkdtempSync(join(tmpdir(), 'melayani-uploads-'))
