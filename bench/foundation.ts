import { execSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/db/embedded.ts';
import { fmt, load, rssMiB, spawnNode, type Spawned } from './support.ts';

const DEMO_PASSWORD = 'bench-demo-password';

async function startApp(dataDir: string, port: number): Promise<{ app: Spawned; ms: number }> {
  const t0 = performance.now();
  const app = spawnNode(['src/server/main.ts'], {
    DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DEMO_PASSWORD,
  });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (app.child.exitCode !== null) throw new Error(`the server exited:\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 20));
    if (performance.now() - t0 > 60_000) throw new Error(`not ready after 60 s:\n${app.output()}`);
  }
  return { app, ms: performance.now() - t0 };
}

async function stopApp(app: Spawned): Promise<void> {
  app.child.kill('SIGTERM');
  await app.exited;
}

function postgresRssMiB(dataDir: string): number {
  // Every process of the cluster: postmaster and its children (checkpointer, walwriter, backends…).
  const out = execSync(`ps -eo pid=,ppid=,rss=,args=`).toString();
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .map(([pid, ppid, rss, ...args]) => ({
      pid: Number(pid),
      ppid: Number(ppid),
      rss: Number(rss),
      args: args.join(' '),
    }));
  const master = rows.find((r) => r.args.includes(path.join(dataDir, 'postgres')) && r.args.includes('-D'));
  if (!master) return 0;
  return (
    rows.filter((r) => r.pid === master.pid || r.ppid === master.pid).reduce((s, r) => s + r.rss, 0) / 1024
  );
}

export async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'motcua-bench-'));
  await chmod(dataDir, 0o755);
  try {
    const port = await freePort();
    const cold = await startApp(dataDir, port);
    await stopApp(cold.app);
    const warm = await startApp(dataDir, port);
    const app = warm.app;
    const rssAtStart = await rssMiB(app.child.pid!);
    try {
      console.log(
        `cold start to /health/ready (fresh data directory, demo data): ${fmt(cold.ms)} ms   (target < 10,000)`,
      );
      console.log(
        `restart on the existing data directory:                      ${fmt(warm.ms)} ms   (target < 3,000)`,
      );

      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'tuphap.thuly', password: DEMO_PASSWORD }),
      });
      const cookie = /motcua_sid=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
      if (login.status !== 200 || !cookie) throw new Error(`login failed: ${login.status}`);

      const trivial = spawnNode(['bench/trivial-server.ts']);
      const trivialUrl = (await trivial.waitFor(/listening (http:\/\/\S+)/))[1]!;
      try {
        // Warm both up, then alternate to spread the machine's noise over both.
        await load(`${trivialUrl}/ping`, { seconds: 2 });
        await load(`http://127.0.0.1:${port}/api/v1/me`, { seconds: 2, headers: { cookie } });
        const base: number[] = [];
        const me: number[] = [];
        let p99 = 0;
        for (let i = 0; i < 2; i++) {
          base.push((await load(`${trivialUrl}/ping`)).rps);
          const meLoad = await load(`http://127.0.0.1:${port}/api/v1/me`, { headers: { cookie } });
          if (meLoad.non2xx || meLoad.errors)
            throw new Error(`/api/v1/me answered ${meLoad.non2xx} non-2xx, ${meLoad.errors} errors`);
          me.push(meLoad.rps);
          p99 = Math.max(p99, meLoad.p99);
        }
        const baseRps = base.reduce((a, b) => a + b) / base.length;
        const meRps = me.reduce((a, b) => a + b) / me.length;
        console.log(`trivial Fastify route (baseline), 20 connections:            ${fmt(baseRps)} req/s`);
        console.log(
          `authenticated GET /api/v1/me, 20 connections:                ${fmt(meRps)} req/s  p99 ${p99} ms`,
        );
        console.log(
          `ratio:                                                       ${fmt((100 * meRps) / baseRps, 1)} %   (target ≥ 30 %)`,
        );
      } finally {
        trivial.child.kill('SIGTERM');
        await trivial.exited;
      }
      console.log(
        `server RSS after start with demo data:                       ${fmt(rssAtStart, 1)} MiB   (target < 300)`,
      );
      console.log(
        `server RSS after the load above:                             ${fmt(await rssMiB(app.child.pid!), 1)} MiB`,
      );
      console.log(
        `embedded PostgreSQL RSS (all its processes, counted apart):  ${fmt(postgresRssMiB(dataDir), 1)} MiB`,
      );
    } finally {
      await stopApp(app);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
