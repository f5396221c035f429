// A category icon for the admin's list and the citizen's category picker (issue 7 §2):
// free emoji text, short, optional. Frozen once shipped.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE categories ADD COLUMN icon text CHECK (char_length(icon) BETWEEN 1 AND 16)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE categories DROP COLUMN IF EXISTS icon`.execute(db)
}
