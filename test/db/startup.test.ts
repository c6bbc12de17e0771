import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { versionProblem } from '../../src/db/client.ts';
import { freshDatabase, urlFor } from '../support/db.ts';

function run(env: Record<string, string>, until: (out: string) => boolean) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (d: Buffer) => (out += d.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const reached = new Promise<void>((resolve) => {
    const check = () => until(out) && resolve();
    child.stdout.on('data', check);
    child.stderr.on('data', check);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, reached, exited, output: () => out };
}

describe('start-up against DATABASE_URL', () => {
  it('fails fast with a clear message when the server is unreachable', async () => {
    const p = run({ DATABASE_URL: 'postgres://someone:secret@127.0.0.1:1/nothing', PORT: '0' }, () => false);
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('Cannot reach PostgreSQL at postgres://someone:***@127.0.0.1:1/nothing');
    expect(p.output()).not.toContain('secret');
  });

  it('explains an unsupported server version', () => {
    expect(versionProblem(140011)).toBe('is version 14; motcua needs PostgreSQL 15 or newer.');
    expect(versionProblem(150019)).toBeUndefined();
    expect(versionProblem(180004)).toBeUndefined();
  });

  it('migrates, serves, and shuts down cleanly on SIGTERM', async () => {
    const database = await freshDatabase();
    const p = run({ DATABASE_URL: urlFor(database.name), PORT: '0', SEED_DEMO: 'false' }, (out) =>
      out.includes('ready at'),
    );
    try {
      await p.reached;
      const address = /ready at (http:\/\/[^ ]+)/.exec(p.output())![1]!;
      const res = await fetch(`${address}/health/ready`);
      expect(res.status).toBe(200);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(p.output()).toContain('SIGTERM received, shutting down');
    } finally {
      p.child.kill('SIGKILL');
      await database.drop();
    }
  });
});
