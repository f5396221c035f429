// `npm run db:seed`: reference data (always), plus demo staff and demo reports on an
// empty database unless NODE_ENV=production. DEMO_REPORTS sets how many (default 2000).
import { seedDatabase } from '../demo'
import { openFromEnv } from './open'

const database = await openFromEnv()
try {
  const started = Date.now()
  const { seededDemo } = await seedDatabase(database.db, {
    demo: process.env.NODE_ENV !== 'production',
    demoReports: Number(process.env.DEMO_REPORTS ?? 2000),
    jurisdictionSlug: process.env.DEFAULT_JURISDICTION ?? 'kota-malang',
  })
  console.log(`Reference data is up to date${seededDemo ? '; demo staff and demo reports were added' : ''} (${((Date.now() - started) / 1000).toFixed(1)} s).`)
} finally {
  await database.close()
}
