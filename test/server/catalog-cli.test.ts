import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, runCatalogCli } from '../../src/server/cli/catalog-cli.ts';
import { testApp, type TestApp } from '../support/app.ts';

// The command line's core, on a real database (the entry point only adds connecting and exiting).

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await testApp();
  dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-cli-'));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCatalogCli(args, t.database.db, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const versions = async () =>
  Number((await t.database.pool.query('SELECT count(*) FROM procedure_versions')).rows[0].count);

describe('catalog command line', () => {
  it('exports the catalog in force as JSON and as Excel', async () => {
    const json = await run('export', path.join(dir, 'catalog.json'));
    expect(json.code, json.err).toBe(EXIT_OK);
    expect(json.out).toMatch(/Exported/);
    const doc = JSON.parse(await readFile(path.join(dir, 'catalog.json'), 'utf8'));
    expect(doc.format).toBe('motcua-catalog');
    expect(doc.procedures.length).toBeGreaterThanOrEqual(40);
    const xlsx = await run('export', path.join(dir, 'catalog.xlsx'));
    expect(xlsx.code).toBe(EXIT_OK);
  });

  it('re-imports its own export without changing anything', async () => {
    const before = await versions();
    const res = await run('import', path.join(dir, 'catalog.xlsx'));
    expect(res.code, res.err).toBe(EXIT_OK);
    expect(res.out).toMatch(/0 created, 0 updated/);
    expect(res.err).toMatch(/checking every entry/);
    expect(await versions()).toBe(before);
  });

  it('reports every error of an invalid workbook with sheet, row and column, exits 1 and imports nothing', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(path.join(dir, 'catalog.xlsx'))) as unknown as ArrayBuffer);
    const procs = wb.getWorksheet('Thủ tục')!;
    procs.getCell('A2').value = '1.888001';
    procs.getCell('B2').value = '01/07/2025'; // a date typed as text
    procs.getCell('C3').value = null; // a procedure without a name
    const file = path.join(dir, 'bad.xlsx');
    await writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const before = await versions();
    const res = await run('import', file);
    expect(res.code).toBe(EXIT_INVALID);
    expect(res.err).toMatch(/nothing was imported/);
    expect(res.err).toMatch(/sheet "Thủ tục" row 2 column B/);
    expect(res.err).toMatch(/sheet "Thủ tục" row 3 column C/);
    expect(res.err).toMatch(/\d+ errors:/);
    expect(await versions()).toBe(before);
  });

  it('reports errors of a JSON file by path, and unreadable files', async () => {
    const doc = JSON.parse(await readFile(path.join(dir, 'catalog.json'), 'utf8'));
    const entry = doc.procedures[0];
    entry.code = '1.888003';
    entry.content.agencies = ['999.99.99.H20'];
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ ...doc, procedures: [entry] }));
    const res = await run('import', file);
    expect(res.code).toBe(EXIT_INVALID);
    expect(res.err).toMatch(/procedures\/0\/content\/agencies\/0: UNKNOWN_AGENCY/);
    await writeFile(path.join(dir, 'broken.json'), '{"format": ');
    const broken = await run('import', path.join(dir, 'broken.json'));
    expect(broken.code).toBe(EXIT_INVALID);
    expect(broken.err).toMatch(/JSON/);
    const missing = await run('import', path.join(dir, 'missing.json'));
    expect(missing.code).toBe(EXIT_INVALID);
  });

  it('checks only with --dry-run, then imports, audited as the system', async () => {
    const doc = JSON.parse(await readFile(path.join(dir, 'catalog.json'), 'utf8'));
    const entry = doc.procedures.find((p: { code: string }) => p.code === '2.000488');
    entry.code = '2.000488.H20';
    entry.content.name = 'Cấp Phiếu lý lịch tư pháp (nhập bằng dòng lệnh)';
    const file = path.join(dir, 'one.json');
    await writeFile(file, JSON.stringify({ ...doc, procedures: [entry] }));
    const before = await versions();
    const dry = await run('import', file, '--dry-run');
    expect(dry.code, dry.err).toBe(EXIT_OK);
    expect(dry.out).toMatch(/1 created, 0 updated.*Nothing was written/);
    expect(await versions()).toBe(before);
    const res = await run('import', file);
    expect(res.code, res.err).toBe(EXIT_OK);
    expect(res.out).toMatch(/Imported: 1 created/);
    expect(res.err).toMatch(/writing 1 \/ 1 procedures/);
    expect(await versions()).toBe(before + 1);
    const audit = await t.database.pool.query(
      `SELECT actor_id, data FROM audit_log WHERE action = 'catalog.import' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toMatchObject({ actor_id: null, data: { created: 1, source: 'cli' } });
    // Another process wrote it: this server hears of it by NOTIFY, a few milliseconds after the commit.
    await expect
      .poll(async () => {
        const search = await t.app.inject('/api/v1/procedures?q=nhap%20bang%20dong%20lenh');
        return search.json<{ items: { code: string }[] }>().items[0]?.code;
      })
      .toBe('2.000488.H20');
  });

  it('accepts the example of docs/catalog-format.md', async () => {
    const doc = await readFile(path.join(import.meta.dirname, '../../docs/catalog-format.md'), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)![1]!;
    const file = path.join(dir, 'example.json');
    await writeFile(file, example);
    const res = await run('import', file, '--dry-run');
    expect(res.code, res.err).toBe(EXIT_OK);
    expect(res.out).toMatch(/1 created, 0 updated \(new version\), 0 unchanged, 1 internal processes/);
  });

  it('explains its usage', async () => {
    expect((await run()).code).toBe(EXIT_USAGE);
    expect((await run('import')).code).toBe(EXIT_USAGE);
    expect((await run('import', 'catalog.csv')).code).toBe(EXIT_USAGE);
    expect((await run('export', 'a.json', '--dry-run')).code).toBe(EXIT_USAGE);
    expect((await run('import', 'a.json', '--force')).err).toMatch(/Usage/);
  });
});
