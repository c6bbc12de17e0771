import { loadConfig } from '../../config/config.ts';
import { checkServer, openDatabase, runMigrations } from '../../db/client.ts';
import { provisionDatabase } from '../../db/provision.ts';
import { seedDemoDossiers } from '../../features/demo/seed-dossiers.ts';
import { seedDemo } from '../../features/demo/seed.ts';

// `npm run seed`: migrate, then load the demo province if the database has no agency yet.
const log = (msg: string) => process.stderr.write(`[motcua] ${msg}\n`);
const config = loadConfig();
const provisioned = await provisionDatabase(config, log);
const database = openDatabase(provisioned.url);
try {
  await checkServer(database.pool, provisioned.url);
  await runMigrations(database);
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
  await database.close();
  await provisioned.embedded?.stop();
}
