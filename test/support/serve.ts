/**
 * `npm start` without the web build, for tests that run the server in a process of its own (and kill it):
 * configured by the environment like the real thing.
 */
import { loadConfig } from '../../src/config/config.ts';
import { startServer } from '../../src/server/start.ts';

const running = await startServer(loadConfig(), (msg) => process.stderr.write(`[server] ${msg}\n`));
process.stdout.write(`listening ${running.url}\n`);
process.once('SIGTERM', () => {
  void running.stop().then(() => process.exit(0));
});
