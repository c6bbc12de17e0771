import { loadConfig } from '../../config/config.ts';
import { seedDemoDossiers } from '../../features/demo/seed-dossiers.ts';
import { seedDemo } from '../../features/demo/seed.ts';
import { openCliDatabase } from './cli-database.ts';

// `npm run seed`: migrate, then load the demo province if the database has no agency yet.
const log = (msg: string) => process.stderr.write(`[motcua] ${msg}\n`);
const config = loadConfig();
// The running app's embedded server when there is one (starting another would be refused by its lock).
const { database, close } = await openCliDatabase(config, log, { max: 10 });
try {
  const result = await seedDemo(database.db, { password: process.env.DEMO_PASSWORD });
  if (result.seeded) {
    process.stdout.write(`Demo data created. Password for every demo account: ${result.password}\n`);
    for (const a of result.accounts ?? [])
      process.stdout.write(`  ${a.username.padEnd(22)} ${a.role.padEnd(18)} ${a.fullName}\n`);
    const dossiers = await seedDemoDossiers(database.db, Date.now());
    if (dossiers.seeded)
      process.stdout.write(
        `Demo dossiers: ${dossiers.dossiers} live, ${dossiers.history} finished ones imported as two years of history.\n`,
      );
  } else {
    process.stdout.write('The database already has agencies; nothing was changed.\n');
  }
} finally {
  await close();
}
