// `npm run db:seed`: reference data into a jurisdiction that has none yet (seeded once,
// ADR 015), plus demo staff and demo reports on an empty database unless
// NODE_ENV=production. DEMO_REPORTS sets how many (default 2000).
//
// `npm run db:seed -- --update-reference` prints what the shipped reference data would
// insert or update (by stable key) and changes nothing; add `--yes` to apply it.
import { seedDatabase } from '../demo'
import { formatReferenceChanges, updateReferenceData } from '../reference-update'
import { openFromEnv } from './open'

const database = await openFromEnv()
try {
  if (process.argv.includes('--update-reference')) await updateReference(process.argv.includes('--yes'))
  else await seed()
} finally {
  await database.close()
}

async function seed() {
  const started = Date.now()
  const { seededDemo } = await seedDatabase(database.db, {
    demo: process.env.NODE_ENV !== 'production',
    demoReports: Number(process.env.DEMO_REPORTS ?? 2000),
    jurisdictionSlug: process.env.DEFAULT_JURISDICTION ?? 'kota-malang',
  })
  console.log(
    `Reference data is in place (existing rows are never overwritten)${seededDemo ? '; demo staff and demo reports were added' : ''} (${((Date.now() - started) / 1000).toFixed(1)} s).`,
  )
}

async function updateReference(apply: boolean) {
  // Always show the plan first; the writes happen in one transaction, so a failure leaves nothing half-applied.
  const changes = await updateReferenceData(database.db, { apply: false })
  for (const line of formatReferenceChanges(changes)) console.log(line)
  if (!changes.length) return
  if (!apply) {
    console.log('Dry run: nothing was changed. Run again with --yes to apply.')
    return
  }
  await database.db.transaction().execute((trx) => updateReferenceData(trx, { apply: true }))
  console.log('Applied.')
}
