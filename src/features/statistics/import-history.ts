import type { Static } from 'typebox';
import type {
  HistoryImportReport as HistoryImportReportSchema,
  PlaceholderAgency,
} from '../../contracts/system.ts';
/**
 * History import: the dossiers handled by the system this one replaces, one JSON object per line
 * (NDJSON), into `dossier_history`, whose statement-level triggers keep the daily statistics up to date.
 *
 * 1. Every line is read and checked (domain/statistics/history-line.ts) and kept in compact columns;
 *    duplicate codes within the file are found here.
 * 2. In one transaction, under an advisory lock that serialises imports: agencies and procedures are
 *    looked up; codes already in the database are compared field by field (same content: skipped;
 *    different: an error). Any error so far rolls everything back and every error is reported.
 * 3. Unknown agencies and procedures become placeholders, then the rows go in by batches of multi-row
 *    `INSERT … SELECT FROM unnest(…) ON CONFLICT (code) DO NOTHING`; the next batch is prepared while
 *    PostgreSQL writes the previous one. One audit row. All or nothing.
 *
 * A batch is one trigger statement: its transition table is aggregated through one `jsonb` value of
 * about 250 bytes per row (PostgreSQL caps a jsonb value at 255 MiB), so batches stay in the tens of
 * thousands.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { isSystemAdmin, type Principal } from '../../domain/access/policy.ts';
import type { Channel } from '../../domain/dossier/model.ts';
import { AppError } from '../../domain/errors.ts';
import {
  conflictIssue,
  duplicateIssue,
  formatInstant,
  historyOutcomes,
  parseHistoryLine,
  placeholderAgency,
  provinceOf,
  type HistoryLine,
  type HistoryOutcome,
  type LineIssue,
} from '../../domain/statistics/history-line.ts';
import { recordAudit } from '../audit/record-audit.ts';

export const MAX_REPORTED_ERRORS = 1000;
export const DEFAULT_BATCH_SIZE = 20_000;
/** A line longer than this is not a dossier (and would only waste memory). */
export const MAX_LINE_BYTES = 64 * 1024;
const HISTORY_IMPORT_LOCK = 7_140_014;
const LOOKUP_CHUNK = 50_000;

// The report's shape is the API contract; re-exported for the command line, which prints it.
export type { PlaceholderAgency };
export type HistoryImportReport = Static<typeof HistoryImportReportSchema>;

export interface HistoryImportProgress {
  phase: 'read' | 'check' | 'write' | 'done';
  /** Lines read, or rows checked / written. */
  done: number;
  /** Unknown while reading. */
  total: number | null;
}

export interface HistoryImportInput {
  /** The file: chunks of bytes (a stream, or one Buffer) or of text. */
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>;
  dryRun?: boolean | undefined;
  /** Refuse files larger than this (PAYLOAD_TOO_LARGE). */
  maxBytes?: number | undefined;
  batchSize?: number | undefined;
  /** Report reading progress every this many lines (default 100,000). */
  progressEvery?: number | undefined;
}

const CHANNEL_CODES: readonly Channel[] = ['in_person', 'online', 'postal'];
const OUTCOME_CODES: readonly HistoryOutcome[] = historyOutcomes;

/** The valid lines of a file, column by column (a million rows take ~200 MB, not ~1 GB of objects). */
class Columns {
  n = 0;
  line: number[] = [];
  code: string[] = [];
  agency: number[] = [];
  procedure: number[] = [];
  channel: number[] = [];
  receivedAt: number[] = [];
  /** NaN when absent. */
  dueAt: number[] = [];
  finishedAt: number[] = [];
  returnedAt: number[] = [];
  outcome: number[] = [];
  supplements: number[] = [];
  paid: boolean[] = [];
  name: (string | null)[] = [];
  /** Index of the code in `code`, for the duplicate check and the comparison with the database. */
  byCode = new Map<string, number>();
  agencies: string[] = [];
  procedures: string[] = [];
  private agencyIdx = new Map<string, number>();
  private procedureIdx = new Map<string, number>();

  intern(map: Map<string, number>, list: string[], value: string): number {
    let i = map.get(value);
    if (i === undefined) {
      i = list.length;
      list.push(value);
      map.set(value, i);
    }
    return i;
  }

  add(line: number, r: HistoryLine): void {
    this.line.push(line);
    this.code.push(r.code);
    this.agency.push(this.intern(this.agencyIdx, this.agencies, r.agency));
    this.procedure.push(this.intern(this.procedureIdx, this.procedures, r.procedure));
    this.channel.push(CHANNEL_CODES.indexOf(r.channel));
    this.receivedAt.push(r.receivedAt);
    this.dueAt.push(r.dueAt ?? NaN);
    this.finishedAt.push(r.finishedAt ?? NaN);
    this.returnedAt.push(r.returnedAt ?? NaN);
    this.outcome.push(OUTCOME_CODES.indexOf(r.outcome));
    this.supplements.push(r.supplementRequests);
    this.paid.push(r.paidOnline);
    this.name.push(r.applicantName);
    this.byCode.set(r.code, this.n);
    this.n++;
  }
}

class Problems {
  list: LineIssue[] = [];
  total = 0;
  add(issues: readonly LineIssue[]): void {
    for (const i of issues) {
      this.total++;
      if (this.list.length < MAX_REPORTED_ERRORS) this.list.push(i);
    }
  }
}

/** Splits chunks into lines (LF or CRLF), decoding each line as UTF-8 on its own. */
async function* linesOf(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  maxBytes: number,
): AsyncGenerator<string> {
  let carry: Buffer | null = null;
  let bytes = 0;
  let first = true;
  const tooLong = () =>
    new AppError('PAYLOAD_TOO_LARGE', {
      vi: `Một dòng của tệp dài quá ${MAX_LINE_BYTES / 1024} KiB.`,
      en: `A line of the file is longer than ${MAX_LINE_BYTES / 1024} KiB.`,
    });
  for await (const raw of source) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    bytes += chunk.length;
    if (bytes > maxBytes)
      throw new AppError('PAYLOAD_TOO_LARGE', {
        vi: `Tệp lớn quá ${Math.round(maxBytes / 1024 / 1024)} MiB.`,
        en: `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB.`,
        details: { maxBytes },
      });
    if (first && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf)
      chunk = chunk.subarray(3);
    first = false;
    let start = 0;
    let nl = chunk.indexOf(10);
    if (carry !== null) {
      if (nl === -1) {
        carry = Buffer.concat([carry, chunk]);
        if (carry.length > MAX_LINE_BYTES) throw tooLong();
        continue;
      }
      const joined: Buffer = Buffer.concat([carry, chunk.subarray(0, nl)]);
      carry = null;
      yield decode(joined, 0, joined.length);
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    while (nl !== -1) {
      yield decode(chunk, start, nl);
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (start < chunk.length) {
      carry = Buffer.from(chunk.subarray(start));
      if (carry.length > MAX_LINE_BYTES) throw tooLong();
    }
  }
  if (carry !== null && carry.length > 0) yield decode(carry, 0, carry.length);
}

function decode(buf: Buffer, start: number, end: number): string {
  if (end > start && buf[end - 1] === 13) end--;
  return buf.toString('utf8', start, end);
}

/** A PostgreSQL array literal of text (drizzle would spread a JS array into separate parameters). */
function textArray(values: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    out += v === null || v === undefined ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`;
  }
  return out + '}';
}

function plainArray(values: readonly (number | boolean | string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;
}

const instantOrNull = (us: number) => (Number.isNaN(us) ? null : formatInstant(us));

/**
 * Imports a history file, all or nothing; see the top of this module. `actor` is a system administrator,
 * or `'system'` for the command line (audited without a user). With `dryRun` the file is checked in full,
 * against the database too, and the report says what an import would do; nothing is written.
 */
export async function importHistory(
  db: Db,
  actor: Principal | 'system',
  input: HistoryImportInput,
  meta: { ip: string | null; source?: string },
  now: Date,
  onProgress: (p: HistoryImportProgress) => void = () => undefined,
): Promise<HistoryImportReport> {
  if (actor !== 'system' && !isSystemAdmin(actor)) throw new AppError('FORBIDDEN');
  const actorId = actor === 'system' ? null : actor.userId;
  const dryRun = input.dryRun ?? false;
  const batchSize = Math.max(1, input.batchSize ?? DEFAULT_BATCH_SIZE);
  const progressEvery = Math.max(1, input.progressEvery ?? 100_000);
  const importId = randomUUID();
  const nowMs = now.getTime();

  // 1. Read and check every line.
  const rows = new Columns();
  const problems = new Problems();
  let lineNo = 0;
  let lines = 0;
  for await (const text of linesOf(input.source, input.maxBytes ?? Number.POSITIVE_INFINITY)) {
    lineNo++;
    if (text.trim() === '') continue;
    lines++;
    const result = parseHistoryLine(text, lineNo, nowMs);
    if (!result.ok) problems.add(result.issues);
    else {
      const first = rows.byCode.get(result.value.code);
      if (first !== undefined) problems.add([duplicateIssue(lineNo, result.value.code, rows.line[first]!)]);
      else rows.add(lineNo, result.value);
    }
    if (lines % progressEvery === 0) onProgress({ phase: 'read', done: lines, total: null });
  }
  if (lines === 0) throw new AppError('FILE_EMPTY', { field: 'body' });
  onProgress({ phase: 'read', done: lines, total: lines });

  const fail = (): never => {
    const sorted = [...problems.list].sort((a, b) => a.line - b.line);
    throw new AppError('IMPORT_INVALID', {
      field: sorted[0]?.field ?? 'body',
      vi: `Tệp lịch sử hồ sơ có ${problems.total} lỗi; chưa có dữ liệu nào được nhập.`,
      en: `The history file has ${problems.total} error${problems.total === 1 ? '' : 's'}; nothing was imported.`,
      details: { errors: sorted, total: problems.total, lines },
    });
  };

  // 2–3. Compare with the database, then write, in one transaction.
  const report = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${HISTORY_IMPORT_LOCK})`);
    const agencyIds = await idsByCode(tx, 'agencies', rows.agencies);
    const procedureIds = await idsByCode(tx, 'procedures', rows.procedures);

    onProgress({ phase: 'check', done: 0, total: rows.n });
    const present = new Uint8Array(rows.n);
    let skipped = 0;
    for (let start = 0; start < rows.n; start += LOOKUP_CHUNK) {
      const codes = rows.code.slice(start, start + LOOKUP_CHUNK);
      const found = await tx.execute<{
        code: string;
        agency: string;
        procedure: string;
        channel: string;
        received_us: string;
        due_us: string | null;
        finished_us: string | null;
        returned_us: string | null;
        outcome: string;
        supplement_requests: number;
        paid_online: boolean;
        applicant_name: string | null;
      }>(sql`
        select h.code, a.code as agency, p.code as procedure, h.channel::text as channel,
               (extract(epoch from h.received_at) * 1000000)::bigint::text as received_us,
               (extract(epoch from h.due_at) * 1000000)::bigint::text as due_us,
               (extract(epoch from h.finished_at) * 1000000)::bigint::text as finished_us,
               (extract(epoch from h.returned_at) * 1000000)::bigint::text as returned_us,
               h.outcome::text as outcome, h.supplement_requests, h.paid_online, h.applicant_name
          from dossier_history h
          join agencies a on a.id = h.agency_id
          join procedures p on p.id = h.procedure_id
         where h.code = any(${textArray(codes)}::text[])`);
      for (const f of found.rows) {
        const i = rows.byCode.get(f.code)!;
        const field = firstDifference(rows, i, f);
        if (field === null) {
          present[i] = 1;
          skipped++;
        } else problems.add([conflictIssue(rows.line[i]!, f.code, field)]);
      }
      onProgress({ phase: 'check', done: Math.min(rows.n, start + LOOKUP_CHUNK), total: rows.n });
    }
    if (problems.total > 0) fail();

    const toWrite = rows.n - skipped;
    // Placeholders only for codes that rows still to be written refer to.
    const usedAgency = new Uint8Array(rows.agencies.length);
    const usedProcedure = new Uint8Array(rows.procedures.length);
    for (let i = 0; i < rows.n; i++)
      if (!present[i]) {
        usedAgency[rows.agency[i]!] = 1;
        usedProcedure[rows.procedure[i]!] = 1;
      }
    const newAgencies = rows.agencies.filter((c, k) => usedAgency[k] && !agencyIds.has(c));
    const newProcedures = rows.procedures.filter((c, k) => usedProcedure[k] && !procedureIds.has(c));
    const placeholders = {
      agencies: await planAgencies(tx, newAgencies),
      procedures: newProcedures,
    };
    const result: HistoryImportReport = {
      importId,
      dryRun,
      lines,
      imported: toWrite,
      skipped,
      placeholders,
      errors: [],
    };
    if (dryRun || toWrite === 0) return result;

    await createAgencies(tx, placeholders.agencies, agencyIds);
    if (newProcedures.length > 0) {
      const created = await tx.execute<{ id: number; code: string }>(sql`
        insert into procedures (code) select unnest(${textArray(newProcedures)}::text[])
        on conflict (code) do nothing returning id, code`);
      for (const r of created.rows) procedureIds.set(r.code, r.id);
    }

    onProgress({ phase: 'write', done: 0, total: toWrite });
    const agencyIdOf = rows.agencies.map((c) => agencyIds.get(c)!);
    const procedureIdOf = rows.procedures.map((c) => procedureIds.get(c)!);
    let written = 0;
    let inserted = 0;
    let pending: Promise<{ rowCount: number | null }> | undefined;
    let pendingSize = 0;
    const flush = async () => {
      if (!pending) return;
      const r = await pending;
      inserted += r.rowCount ?? 0;
      written += pendingSize;
      pending = undefined;
      onProgress({ phase: 'write', done: written, total: toWrite });
    };
    // In (agency, receipt) order: the GiST and unique indexes and the daily aggregates then take their
    // rows page by page instead of at random (a fifth less work for PostgreSQL, measured).
    const order = new Int32Array(toWrite);
    for (let i = 0, k = 0; i < rows.n; i++) if (!present[i]) order[k++] = i;
    order.sort(
      (a, b) =>
        agencyIdOf[rows.agency[a]!]! - agencyIdOf[rows.agency[b]!]! ||
        rows.receivedAt[a]! - rows.receivedAt[b]!,
    );
    for (let start = 0; start < toWrite; start += batchSize) {
      const batch = order.subarray(start, Math.min(toWrite, start + batchSize));
      // Prepared while PostgreSQL writes the previous batch.
      const statement = insertStatement(rows, batch, agencyIdOf, procedureIdOf, importId);
      await flush();
      // then() sends it now: drizzle queries run when first awaited.
      pending = tx.execute(statement).then((r) => r);
      pendingSize = batch.length;
    }
    await flush();

    result.imported = inserted;
    await recordAudit(tx, {
      actorId,
      action: 'history.import',
      entity: 'dossier_history',
      entityId: importId,
      data: {
        lines,
        imported: inserted,
        skipped,
        placeholders,
        ...(meta.source ? { source: meta.source } : {}),
      },
      ip: meta.ip,
    });
    return result;
  });
  onProgress({ phase: 'done', done: report.imported, total: report.imported });
  return report;
}

async function idsByCode(
  tx: Tx,
  table: 'agencies' | 'procedures',
  codes: string[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < codes.length; i += LOOKUP_CHUNK) {
    const found = await tx.execute<{ id: number; code: string }>(
      sql`select id, code from ${sql.identifier(table)} where code = any(${textArray(codes.slice(i, i + LOOKUP_CHUNK))}::text[])`,
    );
    for (const r of found.rows) ids.set(r.code, r.id);
  }
  return ids;
}

/** Placeholders go under the root of their province (the level-1 part of the code), else the first root. */
async function planAgencies(tx: Tx, codes: string[]): Promise<PlaceholderAgency[]> {
  if (codes.length === 0) return [];
  const roots = (
    await tx.execute<{ code: string }>(sql`select code from agencies where parent_id is null order by id`)
  ).rows;
  return codes.map((code) => {
    const root = roots.find((r) => provinceOf(r.code) === provinceOf(code)) ?? roots[0];
    return { code, ...placeholderAgency(code), parent: root?.code ?? null };
  });
}

async function createAgencies(tx: Tx, planned: PlaceholderAgency[], ids: Map<string, number>): Promise<void> {
  for (const a of planned) {
    const parent = a.parent
      ? (
          await tx.execute<{ id: number; path: string }>(
            sql`select id, path from agencies where code = ${a.parent}`,
          )
        ).rows[0]
      : undefined;
    const inserted = await tx.execute<{ id: number }>(sql`
      insert into agencies (code, name, level, parent_id, path)
      values (${a.code}, ${a.name}, ${a.level}, ${parent?.id ?? null}, '/') returning id`);
    const id = inserted.rows[0]!.id;
    await tx.execute(sql`update agencies set path = ${`${parent?.path ?? '/'}${id}/`} where id = ${id}`);
    ids.set(a.code, id);
  }
}

function insertStatement(
  rows: Columns,
  batch: Int32Array,
  agencyIdOf: number[],
  procedureIdOf: number[],
  importId: string,
) {
  const pick = <T, U>(col: T[], f: (v: T) => U): U[] => {
    const out = new Array<U>(batch.length);
    for (let k = 0; k < batch.length; k++) out[k] = f(col[batch[k]!]!);
    return out;
  };
  return sql`
    insert into dossier_history (code, agency_id, procedure_id, channel, received_at, due_at, finished_at,
                                 returned_at, outcome, supplement_requests, paid_online, applicant_name, import_id)
    select code, agency_id, procedure_id, channel, received_at, due_at, finished_at, returned_at, outcome,
           supplement_requests, paid_online, applicant_name, ${importId}::uuid
      from unnest(${textArray(pick(rows.code, (v) => v))}::text[],
                  ${plainArray(pick(rows.agency, (v) => agencyIdOf[v]!))}::int[],
                  ${plainArray(pick(rows.procedure, (v) => procedureIdOf[v]!))}::int[],
                  ${plainArray(pick(rows.channel, (v) => CHANNEL_CODES[v]!))}::dossier_channel[],
                  ${plainArray(pick(rows.receivedAt, formatInstant))}::timestamptz[],
                  ${plainArray(pick(rows.dueAt, instantOrNull))}::timestamptz[],
                  ${plainArray(pick(rows.finishedAt, instantOrNull))}::timestamptz[],
                  ${plainArray(pick(rows.returnedAt, instantOrNull))}::timestamptz[],
                  ${plainArray(pick(rows.outcome, (v) => OUTCOME_CODES[v]!))}::history_outcome[],
                  ${plainArray(pick(rows.supplements, (v) => v))}::smallint[],
                  ${plainArray(pick(rows.paid, (v) => v))}::boolean[],
                  ${textArray(pick(rows.name, (v) => v))}::text[])
           as t(code, agency_id, procedure_id, channel, received_at, due_at, finished_at, returned_at, outcome,
                supplement_requests, paid_online, applicant_name)
    on conflict (code) do nothing`;
}

/** The first field in which the stored dossier differs from line `i`, or null when they are the same. */
function firstDifference(
  rows: Columns,
  i: number,
  f: {
    agency: string;
    procedure: string;
    channel: string;
    received_us: string;
    due_us: string | null;
    finished_us: string | null;
    returned_us: string | null;
    outcome: string;
    supplement_requests: number;
    paid_online: boolean;
    applicant_name: string | null;
  },
): string | null {
  const us = (v: string | null) => (v === null ? NaN : Number(v));
  const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (rows.agencies[rows.agency[i]!] !== f.agency) return 'agency';
  if (rows.procedures[rows.procedure[i]!] !== f.procedure) return 'procedure';
  if (CHANNEL_CODES[rows.channel[i]!] !== f.channel) return 'channel';
  if (!same(rows.receivedAt[i]!, us(f.received_us))) return 'receivedAt';
  if (!same(rows.dueAt[i]!, us(f.due_us))) return 'dueAt';
  if (!same(rows.finishedAt[i]!, us(f.finished_us))) return 'finishedAt';
  if (!same(rows.returnedAt[i]!, us(f.returned_us))) return 'returnedAt';
  if (OUTCOME_CODES[rows.outcome[i]!] !== f.outcome) return 'outcome';
  if (rows.supplements[i] !== f.supplement_requests) return 'supplementRequests';
  if (rows.paid[i] !== f.paid_online) return 'paidOnline';
  if (rows.name[i] !== f.applicant_name) return 'applicant/name';
  return null;
}
