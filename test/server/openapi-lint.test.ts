/**
 * The served OpenAPI document passes an independent linter: Redocly CLI with redocly.yaml (its recommended
 * rules, and a 4xx answer on every operation that can be refused). Run offline: no telemetry, no update check.
 * Also: every operation has a unique operationId from src/server/openapi.ts, and its declared security is
 * what the server enforces on an anonymous caller.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationIds } from '../../src/server/openapi.ts';
import { testApp, type TestApp } from '../support/app.ts';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { examples?: string[]; enum?: string[]; type?: string };
}
interface Operation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Parameter[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { in: string; name: string }> };
}

const root = resolve(import.meta.dirname, '../..');
let t: TestApp;
let doc: Document;
let dir: string;

beforeAll(async () => {
  t = await testApp();
  doc = (await t.app.inject('/api/openapi.json')).json<Document>();
  dir = mkdtempSync(join(tmpdir(), 'motcua-openapi-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

function operations(): Array<{ method: string; path: string; op: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: Array<{ pointer: string }>;
}

describe('the OpenAPI document', () => {
  it("passes Redocly's recommended rules (redocly.yaml) without an error", async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const cli = join(root, 'node_modules/@redocly/cli/bin/cli.js');
    const run = await promisify(execFile)(
      process.execPath,
      [cli, 'lint', file, `--config=${join(root, 'redocly.yaml')}`, '--format=json', '--max-problems=10000'],
      {
        cwd: dir,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
        },
      },
    ).catch((err: { stdout?: string; stderr?: string }) => ({
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? '',
    }));
    const report = JSON.parse(run.stdout || '{}') as { problems?: Problem[] };
    expect(report.problems, run.stderr).toBeDefined();
    const summary = (problems: Problem[]) =>
      problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
    const errors = report.problems!.filter((p) => p.severity === 'error');
    const warnings = report.problems!.filter((p) => p.severity !== 'error');
    console.log(`Redocly: ${errors.length} errors, ${warnings.length} warnings`);
    expect(summary(errors)).toEqual([]);
  }, 120_000);

  it('gives every operation a readable operationId, each its own, from the table', () => {
    const ids = new Map<string, string[]>();
    const missing: string[] = [];
    for (const { method, path, op } of operations()) {
      if (!op.operationId) missing.push(`${method} ${path}`);
      else ids.set(op.operationId, [...(ids.get(op.operationId) ?? []), `${method} ${path}`]);
    }
    expect(missing, 'operations without an operationId: add them to src/server/openapi.ts').toEqual([]);
    const collisions = [...ids].filter(([, ops]) => ops.length > 1);
    expect(collisions, 'operationIds given to more than one operation').toEqual([]);
    for (const id of ids.keys()) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    // No entry outlives its route, and no two entries share an id.
    const documented = new Set(operations().map(({ method, path }) => `${method} ${path}`));
    expect(Object.keys(operationIds).filter((key) => !documented.has(key))).toEqual([]);
    const values = Object.values(operationIds);
    expect(values.filter((id, i) => values.indexOf(id) !== i)).toEqual([]);
  });

  it('declares the session cookie and the CSRF header, and the security of every operation', () => {
    const { session, csrf } = doc.components.securitySchemes;
    expect(session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'motcua_sid' });
    expect(csrf).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token' });
    for (const { method, path, op } of operations()) {
      expect(op.security, `${method} ${path}`).toBeDefined();
      if (op.security!.length === 0) continue;
      expect(op.security, `${method} ${path}`).toEqual([
        method === 'GET' ? { session: [] } : { session: [], csrf: [] },
      ]);
    }
    const publicOps = operations()
      .filter(({ op }) => op.security!.length === 0)
      .map(({ op }) => op.operationId);
    // The visitor's operations, and nothing that writes besides the account ones.
    expect(publicOps).toEqual(
      expect.arrayContaining(['searchProcedures', 'getProcedure', 'trackDossier', 'login', 'getLiveness']),
    );
    expect(publicOps).not.toContain('listDossiers');
    expect(publicOps).not.toContain('downloadDossierFile');
  });

  it('states the security the server enforces: an anonymous caller is refused with 401 exactly where a session is required', async () => {
    const wrong: string[] = [];
    for (const { method, path, op } of operations()) {
      const url = path.replace(/\{(\w+)\}/g, (_all, name: string) => {
        const schema = op.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema;
        return encodeURIComponent(schema?.examples?.[0] ?? schema?.enum?.[0] ?? '1');
      });
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        ...(method === 'GET' ? {} : { payload: {} }),
      });
      const needsSession = op.security!.length > 0;
      // Reads check their input before the caller: a session-only read may also answer 400 to placeholders.
      const ok = needsSession
        ? res.statusCode === 401 || (method === 'GET' && res.statusCode === 400)
        : res.statusCode !== 401;
      if (!ok) wrong.push(`${method} ${path} (${needsSession ? 'session' : 'public'}): ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});
