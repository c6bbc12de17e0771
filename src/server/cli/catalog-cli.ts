/**
 * The catalog command line: `import <file.json|file.xlsx> [--dry-run]` and `export <out.json|out.xlsx>`,
 * through the same use cases as the API, acting as the system (audited without a user, `source: cli`).
 * This module is the testable core; catalog.ts connects to the database and exits with its code.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../domain/errors.ts';
import { exportCatalog, type CatalogFormat } from '../../features/catalog/export-catalog.ts';
import { importCatalog, type ImportError } from '../../features/catalog/import-catalog.ts';

export const EXIT_OK = 0;
/** The file is invalid (or unreadable): nothing was imported. */
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage:
  npm run import:catalog -- <file.json|file.xlsx> [--dry-run]
  npm run export:catalog -- <out.json|out.xlsx>

Import checks the whole file first and reports every error (sheet, row and column for Excel files);
nothing is imported unless the whole file is valid, and importing the same file again changes nothing.
--dry-run only checks the file and says what an import would do.
Without DATABASE_URL the embedded PostgreSQL server under DATA_DIR (./data) is used.`;

export interface CliIo {
  /** Results. */
  out: (line: string) => void;
  /** Progress and errors. */
  err: (line: string) => void;
}

function formatOf(file: string): CatalogFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.xlsx') return 'xlsx';
  return undefined;
}

/** Where an import error is: `Thủ tục!C5` style for spreadsheets, the document path for JSON. */
export function describeImportError(e: ImportError): string {
  const where: string[] = [];
  if (e.sheet) where.push(`sheet "${e.sheet}"`);
  if (e.row !== null) where.push(`row ${e.row}`);
  if (e.column !== null) where.push(`column ${e.column}`);
  if (e.path && e.path !== 'body') where.push(where.length ? `(${e.path})` : e.path);
  const place = where.length ? where.join(' ') : 'file';
  const en = e.message_en && e.message_en !== e.message ? ` / ${e.message_en}` : '';
  return `${place}: ${e.code} — ${e.message}${en}`;
}

function reportError(err: unknown, io: CliIo): number {
  if (!(err instanceof AppError)) throw err;
  if (err.code === 'IMPORT_INVALID') {
    const details = err.details as { errors?: ImportError[]; total?: number } | undefined;
    const errors = details?.errors ?? [];
    const total = details?.total ?? errors.length;
    io.err(`${err.messageVi} / ${err.messageEn}`);
    io.err(`${total} error${total === 1 ? '' : 's'}:`);
    for (const e of errors) io.err(`  ${describeImportError(e)}`);
    if (total > errors.length) io.err(`  … and ${total - errors.length} more`);
    return EXIT_INVALID;
  }
  const field = err.field ? ` (${err.field})` : '';
  io.err(`${err.code}${field}: ${err.messageVi} / ${err.messageEn}`);
  return EXIT_INVALID;
}

/** Runs one command; returns the process exit code. */
export async function runCatalogCli(
  args: readonly string[],
  db: Db,
  io: CliIo,
  now = new Date(),
): Promise<number> {
  const [command, ...rest] = args;
  const dryRun = rest.includes('--dry-run');
  const files = rest.filter((a) => !a.startsWith('--'));
  const unknown = rest.filter((a) => a.startsWith('--') && a !== '--dry-run');
  const file = files[0];
  if (
    (command !== 'import' && command !== 'export') ||
    files.length !== 1 ||
    !file ||
    unknown.length > 0 ||
    (dryRun && command !== 'import')
  ) {
    io.err(USAGE);
    return EXIT_USAGE;
  }
  const format = formatOf(file);
  if (!format) {
    io.err(`${file}: the file name must end in .json or .xlsx`);
    return EXIT_USAGE;
  }

  if (command === 'export') {
    const data = await exportCatalog(db, 'system', format, now);
    await writeFile(file, data);
    io.out(`Exported the catalog in force to ${file} (${data.length.toLocaleString('en-US')} bytes).`);
    return EXIT_OK;
  }

  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (err) {
    io.err(`${file}: cannot read the file (${err instanceof Error ? err.message : String(err)})`);
    return EXIT_INVALID;
  }
  io.err(
    `${dryRun ? 'Checking' : 'Importing'} ${file} (${format}, ${body.length.toLocaleString('en-US')} bytes)…`,
  );
  let last = '';
  try {
    const result = await importCatalog(
      db,
      'system',
      { format, body, dryRun },
      { ip: null, source: 'cli' },
      now,
      (p) => {
        const line =
          p.phase === 'write'
            ? `  writing ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} procedures`
            : p.phase === 'done'
              ? ''
              : `  ${p.phase === 'read' ? 'reading the file' : 'checking every entry'}…`;
        if (line && line !== last) io.err(line);
        last = line;
      },
    );
    const counts =
      `${result.created} created, ${result.updated} updated (new version), ${result.unchanged} unchanged, ` +
      `${result.processes} internal processes new or changed`;
    io.out(
      dryRun
        ? `The file is valid. An import would give: ${counts}. Nothing was written.`
        : `Imported: ${counts}.`,
    );
    return EXIT_OK;
  } catch (err) {
    return reportError(err, io);
  }
}
