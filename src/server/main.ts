import { ConfigError, loadConfig } from '../config/config.ts';
import { DatabaseUnavailableError } from '../db/client.ts';
import { DataDirectoryInUseError } from '../db/data-dir-lock.ts';
import { EmbeddedStartError } from '../db/embedded.ts';
import { startServer } from './start.ts';
import { buildWeb, webBuildNeeded } from './web.ts';

const log = (msg: string) => process.stderr.write(`[motcua] ${msg}\n`);

// A last resort: a promise rejected where nobody listens (a library's background loop) is logged, and
// the server goes on serving rather than dying (Node's default) and taking every request with it.
// Background work retries on its own; the causes found so far are handled where they arise.
process.on('unhandledRejection', (reason) => {
  log(
    `unhandled rejection (the server goes on): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  );
});

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  if (webBuildNeeded()) {
    log('building the web application (src/web → src/web/dist)');
    await buildWeb();
  }
  const running = await startServer(config, log);
  if (running.seed?.seeded) {
    const lines = [
      '',
      'Demo data created (Tỉnh Đồng Tháp). Every demo account uses this password:',
      `    ${running.seed.password}`,
      'Accounts: admin (system administrator), tinh.giamsat (supervisor), and <agency>.<role> for',
      'agencies ttpvhcc, vhttdl, noivu, tuphap, xaydung, caolanh, sadec, thapmuoi and roles',
      'tiepnhan, thuly, pheduyet, vanthu, quantri (e.g. tuphap.tiepnhan). Citizens log in with their',
      `personal ID numbers: ${running.seed.accounts
        ?.filter((a) => a.role === 'citizen')
        .map((a) => a.username)
        .join(', ')}.`,
      ...(running.demoDossiers?.seeded
        ? [
            `Demo dossiers: ${running.demoDossiers.dossiers} live dossiers in every status, and ${running.demoDossiers.history} finished ones imported as two years of history.`,
          ]
        : []),
      'This password is shown only now.',
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
  const where = running.provisioned.embedded
    ? `embedded PostgreSQL on 127.0.0.1:${running.provisioned.embedded.port}`
    : 'PostgreSQL from DATABASE_URL';
  log(`ready at ${running.url.replace('127.0.0.1', 'localhost')} (${where}) in ${Date.now() - started} ms`);

  const shutdown = (signal: string) => {
    log(`${signal} received, shutting down`);
    running.stop().then(
      () => {
        log('stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        log(`shutdown failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGHUP', () => shutdown('SIGHUP'));
}

main().catch((err: unknown) => {
  if (
    err instanceof ConfigError ||
    err instanceof DatabaseUnavailableError ||
    err instanceof DataDirectoryInUseError ||
    err instanceof EmbeddedStartError
  ) {
    log(`cannot start: ${err.message}`);
  } else {
    log(`cannot start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  process.exit(1);
});
