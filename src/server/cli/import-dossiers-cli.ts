/**
 * The history import command line: `import:dossiers -- <file.ndjson> [--dry-run] [--batch-size N]`,
 * through the same use case as the API, acting as the system (audited without a user, `source: cli`).
 * This module is the testable core; import-dossiers.ts connects to the database and exits with its code.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../domain/errors.ts';
import type { LineIssue } from '../../domain/statistics/history-line.ts';
import { importHistory, type HistoryImportReport } from '../../features/statistics/import-history.ts';

export const EXIT_OK = 0;
/** The file is invalid (or unreadable): nothing was imported. */
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage:
  npm run import:dossiers -- <file.ndjson> [--dry-run] [--batch-size N] [--progress-every N]

Imports the dossier history of the system this one replaces: one JSON object per line,
  {"code","agency","procedure","channel","receivedAt","dueAt","finishedAt","returnedAt","outcome",
   "supplementRequests","paidOnline","applicant":{"name"}}
with instants in ISO 8601 and an explicit offset (2023-01-02T08:15:00+07:00 or …Z).
The whole file is checked first and every error is reported with its line and field; nothing is
imported unless the whole file is valid, in one transaction. Codes already imported with the same
content are skipped, so importing the same file again changes nothing. Unknown agencies and procedures
are created as placeholders and listed. --dry-run checks everything (against the database too) and
writes nothing. A progress line is printed every 100,000 lines (--progress-every).
Without DATABASE_URL the embedded PostgreSQL server under DATA_DIR (./data) is used.`;

export interface CliIo {
  /** Results. */
  out: (line: string) => void;
  /** Progress and errors. */
  err: (line: string) => void;
}

const n = (x: number) => x.toLocaleString('en-US');

export function describeLineIssue(e: LineIssue): string {
  const where = `line ${e.line}${e.field ? `, ${e.field}` : ''}`;
  const en = e.message_en && e.message_en !== e.message ? ` / ${e.message_en}` : '';
  return `${where}: ${e.code} — ${e.message}${en}`;
}

function summary(r: HistoryImportReport): string[] {
  const out = [
    r.dryRun
      ? `The file is valid (${n(r.lines)} dossiers). An import would write ${n(r.imported)} and skip ${n(r.skipped)} already present. Nothing was written.`
      : `Imported ${n(r.imported)} dossiers, skipped ${n(r.skipped)} already present (${n(r.lines)} lines; import ${r.importId}).`,
  ];
  const verb = r.dryRun ? 'would be created' : 'created';
  if (r.placeholders.agencies.length > 0) {
    out.push(`Placeholder agencies ${verb} (${r.placeholders.agencies.length}):`);
    for (const a of r.placeholders.agencies)
      out.push(`  ${a.code}  ${a.level}  under ${a.parent ?? '(none: a root)'}  "${a.name}"`);
  }
  if (r.placeholders.procedures.length > 0) {
    out.push(`Placeholder procedures ${verb} (${r.placeholders.procedures.length}, without versions):`);
    out.push(`  ${r.placeholders.procedures.join(', ')}`);
  }
  return out;
}

function intOption(args: readonly string[], name: string): number | undefined | null {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const v = Number(args[i + 1]);
  return Number.isInteger(v) && v > 0 ? v : null;
}

/** Runs the command; returns the process exit code. */
export async function runImportDossiersCli(
  args: readonly string[],
  db: Db,
  io: CliIo,
  now = new Date(),
): Promise<number> {
  const dryRun = args.includes('--dry-run');
  const batchSize = intOption(args, '--batch-size');
  const progressEvery = intOption(args, '--progress-every');
  const valued = new Set(['--batch-size', '--progress-every']);
  const files: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (valued.has(a)) i++;
    else if (a === '--dry-run') continue;
    else if (a.startsWith('--')) unknown.push(a);
    else files.push(a);
  }
  const file = files[0];
  if (files.length !== 1 || !file || unknown.length > 0 || batchSize === null || progressEvery === null) {
    io.err(USAGE);
    return EXIT_USAGE;
  }
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    io.err(`${file}: cannot read the file (${err instanceof Error ? err.message : String(err)})`);
    return EXIT_INVALID;
  }
  io.err(`${dryRun ? 'Checking' : 'Importing'} ${file} (${n(size)} bytes)…`);
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  try {
    const report = await importHistory(
      db,
      'system',
      {
        source: createReadStream(file, { highWaterMark: 1024 * 1024 }),
        dryRun,
        batchSize,
        progressEvery,
      },
      { ip: null, source: 'cli' },
      now,
      (p) => {
        if (p.phase === 'read' && p.total === null) io.err(`  read ${n(p.done)} lines (${seconds()} s)`);
        else if (p.phase === 'read') io.err(`  read ${n(p.done)} lines, all checked (${seconds()} s)`);
        else if (p.phase === 'check' && p.done === 0) io.err(`  comparing with the database…`);
        else if (p.phase === 'write' && p.total)
          io.err(`  written ${n(p.done)} / ${n(p.total)} (${seconds()} s)`);
      },
    );
    for (const line of summary(report)) io.out(line);
    io.err(`Done in ${seconds()} s.`);
    return EXIT_OK;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'IMPORT_INVALID') {
      const details = err.details as { errors?: LineIssue[]; total?: number } | undefined;
      const errors = details?.errors ?? [];
      const total = details?.total ?? errors.length;
      io.err(`${err.messageVi} / ${err.messageEn}`);
      for (const e of errors) io.err(`  ${describeLineIssue(e)}`);
      if (total > errors.length) io.err(`  … and ${n(total - errors.length)} more`);
      return EXIT_INVALID;
    }
    const field = err.field ? ` (${err.field})` : '';
    io.err(`${err.code}${field}: ${err.messageVi} / ${err.messageEn}`);
    return EXIT_INVALID;
  }
}
