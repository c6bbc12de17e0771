import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  auditLog,
  procedureProcesses,
  procedureVersionAgencies,
  procedureVersions,
  procedures,
  units,
} from '../../db/schema.ts';
import type { CatalogImportResult } from '../../contracts/catalog.ts';
import { isSystemAdmin, type Principal } from '../../domain/access/policy.ts';
import { deadlinesOf } from '../../domain/catalog/budget.ts';
import type { Issue } from '../../domain/catalog/issues.ts';
import { validateProcedure, validateProcess } from '../../domain/catalog/validate.ts';
import { placeInTimeline } from '../../domain/catalog/versions.ts';
import { AppError } from '../../domain/errors.ts';
import { checkCatalogEntry, checkCatalogEnvelope, type CatalogEntry } from './catalog-file.ts';
import { notifyCatalogChanged } from './catalog-changes.ts';
import { contentHash, issueMessage, loadRefs, schemaIssues, templateIdsOf } from './check.ts';
import type { CatalogFormat } from './export-catalog.ts';
import { versionColumns } from './procedure-queries.ts';
import { readWorkbook, type CellIssue, type CellLocation } from './xlsx.ts';

export interface ImportProgress {
  phase: 'read' | 'validate' | 'write' | 'done';
  done: number;
  total: number;
}

export type ImportResult = CatalogImportResult;

export interface ImportError {
  sheet: string | null;
  row: number | null;
  column: string | null;
  path: string | null;
  code: string;
  message: string;
  message_en: string;
}

const MAX_REPORTED = 1000;
const CHUNK = 500;

function fail(errors: ImportError[]): never {
  const first = errors[0]!;
  throw new AppError('IMPORT_INVALID', {
    field: first.path ?? 'body',
    details: { errors: errors.slice(0, MAX_REPORTED), total: errors.length },
  });
}

function fromCell(i: CellIssue): ImportError {
  return {
    sheet: i.sheet,
    row: i.row,
    column: i.column,
    path: null,
    code: i.code,
    message: i.vi,
    message_en: i.en,
  };
}

/**
 * Imports a whole catalog file, all or nothing: everything is checked first and every problem reported
 * (with sheet, row and column for Excel files); then one transaction writes it. An entry equal to the
 * procedure's latest published version is left alone, so re-importing a file changes nothing. With
 * `dryRun` the file is checked in full and the counts say what an import would do; nothing is written.
 * `actor` is a system administrator, or `'system'` for the command line (audited without a user).
 */
export async function importCatalog(
  db: Db,
  actor: Principal | 'system',
  input: { format: CatalogFormat; body: unknown; dryRun?: boolean | undefined },
  meta: { ip: string | null; source?: string },
  now: Date,
  onProgress: (p: ImportProgress) => void = () => undefined,
): Promise<ImportResult> {
  if (actor !== 'system' && !isSystemAdmin(actor)) throw new AppError('FORBIDDEN');
  // The command line imports as the system: audited without a user.
  const actorId = actor === 'system' ? null : actor.userId;
  onProgress({ phase: 'read', done: 0, total: 1 });
  let doc: unknown;
  let locate: (path: string) => CellLocation | undefined = () => undefined;
  const errors: ImportError[] = [];
  switch (input.format) {
    case 'json': {
      doc = Buffer.isBuffer(input.body) ? parseJson(input.body) : input.body;
      break;
    }
    case 'xlsx': {
      if (!Buffer.isBuffer(input.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const read = await readWorkbook(input.body);
      doc = read.doc;
      locate = read.locate;
      errors.push(...read.issues.map(fromCell));
      break;
    }
  }
  const located = new Set(errors.map((e) => `${e.sheet}|${e.row}|${e.column}`));
  const report = (issues: Issue[]) => {
    for (const i of issues) {
      const loc = locate(i.path);
      // A cell already reported unreadable is not reported again as missing.
      if (loc && loc.column && located.has(`${loc.sheet}|${loc.row}|${loc.column}`)) continue;
      errors.push({
        sheet: loc?.sheet ?? null,
        row: loc?.row ?? null,
        column: loc?.column ?? null,
        path: i.path,
        code: i.code,
        ...issueMessage(i),
      });
    }
  };

  onProgress({ phase: 'validate', done: 0, total: 1 });
  if (!checkCatalogEnvelope(doc)) {
    report(schemaIssues(checkCatalogEnvelope.errors));
    fail(
      errors.length
        ? errors
        : [
            {
              sheet: null,
              row: null,
              column: null,
              path: 'body',
              code: 'IMPORT_INVALID',
              ...issueMessage({ path: '', code: 'IMPORT_INVALID' }),
            },
          ],
    );
  }
  const entries: CatalogEntry[] = [];
  const envelope = doc;
  envelope.procedures.forEach((entry, i) => {
    if (checkCatalogEntry(entry)) entries.push(entry);
    else report(schemaIssues(checkCatalogEntry.errors, `procedures/${i}`));
  });
  if (errors.length) {
    // Entries with a valid shape are still checked against the database, so the report is complete.
    await planImport(db, entries, (issues) =>
      report(issues.map((x) => ({ ...x, path: remap(x.path, doc.procedures, entries) }))),
    );
    fail(errors);
  }
  const plan = await planImport(db, entries, report);
  if (errors.length) fail(errors);
  if (input.dryRun) {
    // Checked in full and nothing written: what an import would do now.
    const created = plan.writes.filter((w) => w.procedureId === undefined).length;
    onProgress({ phase: 'done', done: 0, total: 0 });
    return {
      created,
      updated: plan.writes.length - created,
      unchanged: entries.length - plan.writes.length,
      processes: plan.processWrites.length,
    };
  }

  const total = plan.writes.length;
  let done = 0;
  onProgress({ phase: 'write', done, total });
  await db.transaction(async (tx) => {
    // Imports and publications of the same procedures must not interleave.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7140013)`);
    const fresh = await planImport(tx, entries, report);
    if (errors.length) fail(errors);
    const newOnes = fresh.writes.filter((w) => w.procedureId === undefined);
    const ids = new Map<string, number>();
    for (let i = 0; i < newOnes.length; i += CHUNK) {
      const rows = await tx
        .insert(procedures)
        .values(newOnes.slice(i, i + CHUNK).map((w) => ({ code: w.entry.code })))
        .returning({ id: procedures.id, code: procedures.code });
      for (const r of rows) ids.set(r.code, r.id);
    }
    for (const w of fresh.writes) {
      if (w.previousId !== undefined) {
        await tx
          .update(procedureVersions)
          .set({ effectiveTo: w.entry.effectiveFrom })
          .where(eq(procedureVersions.id, w.previousId));
      }
    }
    for (let i = 0; i < fresh.writes.length; i += CHUNK) {
      const chunk = fresh.writes.slice(i, i + CHUNK);
      const rows = await tx
        .insert(procedureVersions)
        .values(
          chunk.map((w) => ({
            procedureId: w.procedureId ?? ids.get(w.entry.code)!,
            seq: w.seq,
            status: 'published' as const,
            effectiveFrom: w.entry.effectiveFrom,
            effectiveTo: w.effectiveTo,
            ...versionColumns(w.entry.content, w.entry.code, fresh.refs),
            note: 'Nhập từ tệp danh mục',
            createdBy: actorId,
            publishedBy: actorId,
            publishedAt: now,
          })),
        )
        .returning({ id: procedureVersions.id });
      await tx.insert(procedureVersionAgencies).values(
        chunk.flatMap((w, k) =>
          w.entry.content.agencies.map((a) => ({
            versionId: rows[k]!.id,
            agencyId: fresh.refs.agencyIds.get(a)!,
          })),
        ),
      );
      await tx.insert(auditLog).values(
        chunk.map((w) => ({
          actorId: actorId,
          action: w.procedureId === undefined ? 'procedure.import_create' : 'procedure.import_publish',
          entity: 'procedure',
          entityId: w.entry.code,
          data: {
            seq: w.seq,
            effectiveFrom: w.entry.effectiveFrom,
            contentHash: contentHash(w.entry.content),
          },
          ip: meta.ip,
        })),
      );
      await tx
        .update(procedures)
        .set({ version: sql`${procedures.version} + 1`, updatedAt: now })
        .where(
          inArray(
            procedures.code,
            chunk.filter((w) => w.procedureId !== undefined).map((w) => w.entry.code),
          ),
        );
      done += chunk.length;
      onProgress({ phase: 'write', done, total });
    }
    for (const p of fresh.processWrites) {
      const procedureId = p.procedureId ?? ids.get(p.code)!;
      await tx
        .insert(procedureProcesses)
        .values({ procedureId, agencyId: p.agencyId, steps: p.steps, updatedBy: actorId })
        .onConflictDoUpdate({
          target: [procedureProcesses.procedureId, procedureProcesses.agencyId],
          set: {
            steps: p.steps,
            version: sql`${procedureProcesses.version} + 1`,
            updatedBy: actorId,
            updatedAt: now,
          },
        });
      await tx.insert(auditLog).values({
        actorId: actorId,
        action: 'procedure.import_process',
        entity: 'procedure',
        entityId: p.code,
        agencyId: p.agencyId,
        data: { steps: p.steps },
        ip: meta.ip,
      });
    }
    if (fresh.writes.length > 0) await notifyCatalogChanged(tx, `import ${fresh.writes.length}`);
    await tx.insert(auditLog).values({
      actorId: actorId,
      action: 'catalog.import',
      entity: 'catalog',
      entityId: input.format,
      data: {
        entries: entries.length,
        created: newOnes.length,
        updated: fresh.writes.length - newOnes.length,
        processes: fresh.processWrites.length,
        ...(meta.source ? { source: meta.source } : {}),
      },
      ip: meta.ip,
    });
    plan.writes = fresh.writes;
    plan.processWrites = fresh.processWrites;
  });
  const created = plan.writes.filter((w) => w.procedureId === undefined).length;
  const result = {
    created,
    updated: plan.writes.length - created,
    unchanged: entries.length - plan.writes.length,
    processes: plan.processWrites.length,
  };
  onProgress({ phase: 'done', done: total, total });
  return result;
}

/** planImport numbers the entries it was given; map its paths back to the file's numbering. */
function remap(path: string, all: unknown[], valid: CatalogEntry[]): string {
  return path.replace(/^procedures\/(\d+)/, (_m, n: string) => `procedures/${all.indexOf(valid[Number(n)])}`);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('VALIDATION_FAILED', {
      field: 'body',
      vi: 'Tệp không phải JSON hợp lệ.',
      en: 'The file is not valid JSON.',
    });
  }
}

interface VersionWrite {
  entry: CatalogEntry;
  procedureId: number | undefined;
  seq: number;
  previousId: number | undefined;
  effectiveTo: string | null;
}

interface ProcessWrite {
  code: string;
  procedureId: number | undefined;
  agencyId: number;
  steps: CatalogEntry['processes'][number]['steps'];
}

/** Checks every entry against the database and decides what to write; reports problems, writes nothing. */
async function planImport(db: Db, entries: CatalogEntry[], report: (issues: Issue[]) => void) {
  const refs = await loadRefs(db, {
    agencyCodes: entries.flatMap((e) => [
      ...e.content.agencies,
      ...e.processes.map((p) => p.agency),
      ...e.processes.flatMap((p) =>
        p.steps.map((s) => s.cooperatingAgency).filter((c): c is string => c !== null),
      ),
    ]),
    templateIds: entries.flatMap((e) => templateIdsOf(e.content)),
  });
  const codes = entries.map((e) => e.code);
  const existing = new Map<
    string,
    {
      id: number;
      versions: {
        id: number;
        seq: number;
        status: string;
        effectiveFrom: string | null;
        contentHash: string;
      }[];
    }
  >();
  for (let i = 0; i < codes.length; i += 5000) {
    const rows = await db
      .select({
        procedureId: procedures.id,
        code: procedures.code,
        id: procedureVersions.id,
        seq: procedureVersions.seq,
        status: procedureVersions.status,
        effectiveFrom: procedureVersions.effectiveFrom,
        contentHash: procedureVersions.contentHash,
      })
      .from(procedures)
      .leftJoin(procedureVersions, eq(procedureVersions.procedureId, procedures.id))
      .where(inArray(procedures.code, codes.slice(i, i + 5000)));
    for (const r of rows) {
      const e = existing.get(r.code) ?? { id: r.procedureId, versions: [] };
      if (r.id !== null)
        e.versions.push({
          id: r.id,
          seq: r.seq!,
          status: r.status!,
          effectiveFrom: r.effectiveFrom,
          contentHash: r.contentHash!,
        });
      existing.set(r.code, e);
    }
  }
  const processAgencyIds = [
    ...new Set(entries.flatMap((e) => e.processes.map((p) => refs.agencyIds.get(p.agency)))),
  ].filter((id): id is number => id !== undefined);
  const unitRows = processAgencyIds.length
    ? await db
        .select({ agencyId: units.agencyId, name: units.name })
        .from(units)
        .where(inArray(units.agencyId, processAgencyIds))
    : [];
  const existingProcesses = new Map<string, string>();
  const procedureIds = [...existing.values()].map((e) => e.id);
  for (let i = 0; i < procedureIds.length; i += 5000) {
    const rows = await db
      .select({
        procedureId: procedureProcesses.procedureId,
        agencyId: procedureProcesses.agencyId,
        steps: procedureProcesses.steps,
      })
      .from(procedureProcesses)
      .where(inArray(procedureProcesses.procedureId, procedureIds.slice(i, i + 5000)));
    for (const r of rows) existingProcesses.set(`${r.procedureId}|${r.agencyId}`, contentHash(r.steps));
  }

  const writes: VersionWrite[] = [];
  const processWrites: ProcessWrite[] = [];
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    const base = `procedures/${i}`;
    const prefix = (issues: Issue[], p: string) => issues.map((x) => ({ ...x, path: `${p}/${x.path}` }));
    if (seen.has(e.code)) {
      report([
        {
          path: `${base}/code`,
          code: 'PROCEDURE_CODE_TAKEN',
          vi: `Mã thủ tục ${e.code} trùng với dòng trước trong tệp.`,
          en: `Procedure code ${e.code} appears twice in the file.`,
        },
      ]);
      return;
    }
    seen.set(e.code, i);
    report(prefix(validateProcedure(e.content, refs), `${base}/content`));
    const hash = contentHash(e.content);
    const known = existing.get(e.code);
    const published = (known?.versions ?? []).filter((v) => v.status === 'published');
    const latest = published.reduce<(typeof published)[number] | undefined>(
      (a, b) => (!a || (b.effectiveFrom ?? '') > (a.effectiveFrom ?? '') ? b : a),
      undefined,
    );
    const unchanged = latest !== undefined && latest.contentHash === hash;
    if (!unchanged) {
      if (latest && e.effectiveFrom <= latest.effectiveFrom!) {
        report([
          {
            path: `${base}/effectiveFrom`,
            code: 'EFFECTIVE_DATE_TAKEN',
            vi: `Nội dung đã thay đổi: ngày hiệu lực phải sau ngày hiệu lực của phiên bản hiện hành (${latest.effectiveFrom}).`,
            en: `The content changed: the effective date must be after the current version's (${latest.effectiveFrom}).`,
          },
        ]);
      } else {
        const place = placeInTimeline(
          published.map((p) => ({ id: p.id, effectiveFrom: p.effectiveFrom! })),
          e.effectiveFrom,
        );
        writes.push({
          entry: e,
          procedureId: known?.id,
          seq: Math.max(0, ...(known?.versions ?? []).map((v) => v.seq)) + 1,
          previousId: place.previousId,
          effectiveTo: place.effectiveTo,
        });
      }
    }
    const seenAgencies = new Set<string>();
    e.processes.forEach((p, k) => {
      const pBase = `${base}/processes/${k}`;
      if (seenAgencies.has(p.agency)) {
        report([{ path: `${pBase}/agency`, code: 'DUPLICATE' }]);
        return;
      }
      seenAgencies.add(p.agency);
      const agencyId = refs.agencyIds.get(p.agency);
      if (agencyId === undefined) {
        report([{ path: `${pBase}/agency`, code: 'UNKNOWN_AGENCY' }]);
        return;
      }
      if (!e.content.agencies.includes(p.agency)) {
        report([{ path: `${pBase}/agency`, code: 'NOT_IMPLEMENTING_AGENCY' }]);
        return;
      }
      const issues = validateProcess(p.steps, deadlinesOf(e.content), {
        units: new Set(unitRows.filter((u) => u.agencyId === agencyId).map((u) => u.name)),
        agencies: refs.agencies,
      });
      report(prefix(issues, pBase));
      const same = known && existingProcesses.get(`${known.id}|${agencyId}`) === contentHash(p.steps);
      if (!same) processWrites.push({ code: e.code, procedureId: known?.id, agencyId, steps: p.steps });
    });
  });
  return { refs, writes, processWrites };
}
