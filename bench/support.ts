import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';

export interface Spawned {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

/**
 * The runtime flags `npm start` gives the server (package.json), so that a benchmark measures the server as
 * it runs, and its baselines under the same runtime. A larger young generation: intake allocates about
 * 20 µs of garbage collection per request with the default, and gained 4–5 % in throughput with this.
 */
const SERVER_FLAGS = ['--max-semi-space-size=64'];

/** Starts a server process (the app, or a baseline server). */
export function spawnNode(args: string[], env: Record<string, string> = {}): Spawned {
  // BENCH_CPU_PROF=dir: every spawned process writes a V8 CPU profile there when it exits.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...SERVER_FLAGS, ...profile, '--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const collect = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${String(pattern)}:\n${out}`)),
        timeoutMs,
      );
      const check = () => {
        const m = pattern.exec(out);
        if (m) {
          clearTimeout(timer);
          listeners.delete(check);
          resolve(m);
        }
      };
      listeners.add(check);
      check();
    });
  return { child, output: () => out, waitFor, exited };
}

export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function load(
  url: string,
  options: { connections?: number; seconds?: number; headers?: Record<string, string> } = {},
): Promise<Load> {
  const result = await autocannon({
    url,
    connections: options.connections ?? 20,
    duration: options.seconds ?? 5,
    headers: options.headers ?? {},
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/**
 * CPU seconds (user + system) used so far by a process, and by one PostgreSQL server (its postmaster and
 * every process it started; `dataDirectory` is where its postmaster.pid lies), also per process: between
 * two readings compare the processes alive at the second, as one that ended meanwhile (pgbench's backends)
 * takes its seconds with it. On a noisy two-core machine
 * requests per second move with whatever else runs; the CPU each request costs moves much less.
 */
export async function cpuSeconds(
  pid: number,
  dataDirectory: string,
): Promise<{ process: number; postgres: number; byPid: Map<number, number> }> {
  const { readdir } = await import('node:fs/promises');
  const ticks = 100; // USER_HZ on Linux
  const of = async (p: string) => {
    const stat = await readFile(`/proc/${p}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { parent: Number(f[1]), seconds: (Number(f[11]) + Number(f[12])) / ticks };
  };
  const postmaster = Number(
    (await readFile(path.join(dataDirectory, 'postmaster.pid'), 'utf8')).split('\n')[0],
  );
  let postgres = 0;
  const byPid = new Map<number, number>();
  for (const p of await readdir('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const { parent, seconds } = await of(p);
      if (Number(p) === postmaster || parent === postmaster) {
        postgres += seconds;
        byPid.set(Number(p), seconds);
      }
    } catch {
      // The process ended meanwhile.
    }
  }
  return { process: (await of(String(pid))).seconds, postgres, byPid };
}
