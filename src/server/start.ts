import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Config } from '../config/config.ts';
import { checkServer, openDatabase, runMigrations, type Database } from '../db/client.ts';
import { provisionDatabase, type Provisioned } from '../db/provision.ts';
import { seedDemoDossiers, type DemoDossierSeedResult } from '../features/demo/seed-dossiers.ts';
import { seedDemo, type SeedResult } from '../features/demo/seed.ts';
import { createMailer } from '../features/mail/mailer.ts';
import { startWorker, type Worker } from '../jobs/worker.ts';
import { buildApp, loggerOptions } from './app.ts';

export interface Running {
  app: FastifyInstance;
  database: Database;
  provisioned: Provisioned;
  seed: SeedResult | undefined;
  /** The demo dossiers created with the demo province (first start only). */
  demoDossiers: DemoDossierSeedResult | undefined;
  url: string;
  stop(): Promise<void>;
}

/** Database up, migrated, demo data on first start, HTTP listening: the whole of `npm start`. */
export async function startServer(config: Config, log: (msg: string) => void): Promise<Running> {
  const provisioned = await provisionDatabase(config, log);
  const database = openDatabase(provisioned.url);
  let app: FastifyInstance | undefined;
  let worker: Worker | undefined;
  try {
    await checkServer(database.pool, provisioned.url);
    await runMigrations(database);
    let seed: SeedResult | undefined;
    let demoDossiers: DemoDossierSeedResult | undefined;
    if (config.seedDemo) {
      const [row] = (await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM agencies`))
        .rows;
      if (row?.n === 0) seed = await seedDemo(database.db, { password: process.env.DEMO_PASSWORD });
      // Dossiers only with a province seeded just now, never into a database someone already uses.
      if (seed?.seeded) {
        const began = Date.now();
        demoDossiers = await seedDemoDossiers(database.db, began);
        log(`demo dossiers created in ${Date.now() - began} ms`);
      }
    }
    app = await buildApp({ database, config, logger: loggerOptions(config.logLevel) });
    const server = app;
    if (!config.publicUrl && !config.seedDemo)
      server.log.warn('PUBLIC_URL is not set: receipts cannot print their QR code and no reset link is sent');
    const mailer = createMailer(config, (fields, message) => server.log.info(fields, message));
    worker = config.runWorker
      ? await startWorker(
          database,
          (level, message) => {
            if (level === 'error') server.log.error(message);
            else if (level === 'warning') server.log.warn(message);
            else server.log.info(message);
          },
          { mailer },
        )
      : undefined;
    const address = await server.listen({ port: config.port, host: config.host });
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        provisioned.embedded?.stopSupervising();
        await server.close();
        await worker?.stop();
        mailer.close?.();
        await database.close();
        await provisioned.embedded?.stop();
      })());
    return { app: server, database, provisioned, seed, demoDossiers, url: address, stop };
  } catch (err) {
    // Closing the app first stops its session-cache listener before the database goes away.
    await app?.close().catch(() => undefined);
    await worker?.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    await provisioned.embedded?.stop().catch(() => undefined);
    throw err;
  }
}
