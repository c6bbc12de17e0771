import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded } from '../../src/db/embedded.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-embedded-'));
  await chmod(dir, 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const options = () => ({
  pgDataDir: path.join(dir, 'postgres'),
  credentialsFile: path.join(dir, 'credentials.json'),
  log: () => undefined,
});

/** The first row of ad-hoc SQL; the assertions check its shape. */
async function query(url: string, sql: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, unknown>>(sql);
    return rows[0] ?? {};
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('initialises on loopback with a generated password kept in a 0600 file', async () => {
    const server = await startEmbedded(options());
    try {
      expect(server.url).toContain('@127.0.0.1:');
      const mode = (await stat(options().credentialsFile)).mode & 0o777;
      expect(mode).toBe(0o600);
      const credentials = JSON.parse(await readFile(options().credentialsFile, 'utf8'));
      expect(credentials.password.length).toBeGreaterThanOrEqual(24);
      const row = await query(
        server.url,
        "SELECT current_setting('listen_addresses') AS listen, current_setting('server_version_num')::int AS v",
      );
      expect(row.listen).toBe('127.0.0.1');
      expect(row.v).toBeGreaterThanOrEqual(180000);
      // A wrong password is refused: the server does not trust local connections.
      const wrong = new URL(server.url);
      wrong.password = 'wrong';
      await expect(query(wrong.toString(), 'SELECT 1')).rejects.toThrow(/password/);
    } finally {
      await server.stop();
    }
  });

  it('restarts on the existing directory after a crash left a stale pid file', async () => {
    await writeFile(
      path.join(options().pgDataDir, 'postmaster.pid'),
      '999999\n' + options().pgDataDir + '\n',
    );
    const server = await startEmbedded(options());
    try {
      expect((await query(server.url, 'SELECT 1 AS one')).one).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it('stops a server left running by a process that was killed, then starts', async () => {
    // A child process starts the server and is killed with SIGKILL: its postmaster survives it.
    const script = `
      import { startEmbedded } from ${JSON.stringify(path.resolve('src/db/embedded.ts'))};
      const s = await startEmbedded({ pgDataDir: ${JSON.stringify(options().pgDataDir)}, credentialsFile: ${JSON.stringify(options().credentialsFile)}, log: () => {} });
      console.log('started');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('started') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const orphanPid = Number(
      (await readFile(path.join(options().pgDataDir, 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    expect(() => process.kill(orphanPid, 0)).not.toThrow();

    const server = await startEmbedded(options());
    try {
      expect((await query(server.url, 'SELECT 1 AS one')).one).toBe(1);
      expect(() => process.kill(orphanPid, 0)).toThrow();
    } finally {
      await server.stop();
    }
  });

  it('refuses to start a cluster whose credentials file is gone, saying what to do', async () => {
    await rm(options().credentialsFile);
    await expect(startEmbedded(options())).rejects.toThrow(/credentials file .* is missing/);
  });
});
