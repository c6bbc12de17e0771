import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import {
  agencies,
  formTemplates,
  procedureVersionAgencies,
  procedureVersions,
  procedures,
} from '../../db/schema.ts';
import type { DraftListItem, FormTemplateInfo } from '../../contracts/catalog.ts';
import { isSystemAdmin, scopeFor, type Principal } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { checkFormTemplate } from '../../domain/files/form-template.ts';
import { agencyScopeSql } from '../staff/staff-queries.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { agenciesOfVersions } from './procedure-queries.ts';

export type { DraftListItem, FormTemplateInfo };

/** Drafts the caller may edit. */
export async function listDrafts(db: Executor, principal: Principal): Promise<{ items: DraftListItem[] }> {
  const scope = scopeFor(principal, 'procedure.edit');
  if (scope.kind === 'none') throw new AppError('FORBIDDEN');
  const visible = db
    .select({ one: sql`1` })
    .from(procedureVersionAgencies)
    .innerJoin(agencies, eq(agencies.id, procedureVersionAgencies.agencyId))
    .where(and(eq(procedureVersionAgencies.versionId, procedureVersions.id), agencyScopeSql(scope)));
  const rows = await db
    .select({
      id: procedureVersions.id,
      code: procedures.code,
      name: procedureVersions.name,
      seq: procedureVersions.seq,
      lockVersion: procedures.version,
      updatedAt: procedureVersions.updatedAt,
    })
    .from(procedureVersions)
    .innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId))
    .where(
      and(eq(procedureVersions.status, 'draft'), scope.kind === 'all' ? undefined : sql`EXISTS (${visible})`),
    )
    .orderBy(asc(procedures.code))
    .limit(1000);
  const agencyMap = await agenciesOfVersions(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map(({ id, updatedAt, ...r }) => ({
      ...r,
      updatedAt: updatedAt.toISOString(),
      agencies: (agencyMap.get(id) ?? []).map((a) => ({ code: a.code, name: a.name })),
    })),
  };
}

export const MAX_FORM_BYTES = 10 * 1024 * 1024;

/** Who may upload form templates; the route also asks it before reading the upload. */
export function mayUploadFormTemplate(principal: Principal): boolean {
  return isSystemAdmin(principal) || scopeFor(principal, 'procedure.edit').kind !== 'none';
}

/** Stores a form template (once per content and name) and returns its id for components to refer to. */
export async function uploadFormTemplate(
  db: Db,
  principal: Principal,
  input: { fileName: string; data: Buffer },
  meta: { ip: string | null },
): Promise<FormTemplateInfo> {
  if (!mayUploadFormTemplate(principal)) throw new AppError('FORBIDDEN');
  // The public downloads these: the bytes must be what the name says (the dossier files' sniffing).
  const mediaType = checkFormTemplate(input.fileName, input.data);
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(formTemplates)
      .values({
        sha256,
        fileName: input.fileName,
        mediaType,
        size: input.data.length,
        data: input.data,
        createdBy: principal.userId,
      })
      .onConflictDoNothing()
      .returning({ id: formTemplates.id });
    const [row] = inserted
      ? [inserted]
      : await tx
          .select({ id: formTemplates.id })
          .from(formTemplates)
          .where(and(eq(formTemplates.sha256, sha256), eq(formTemplates.fileName, input.fileName)));
    if (inserted) {
      await recordAudit(tx, {
        actorId: principal.userId,
        action: 'form_template.upload',
        entity: 'form_template',
        entityId: String(inserted.id),
        data: { fileName: input.fileName, sha256, size: input.data.length },
        ip: meta.ip,
      });
    }
    return { id: row!.id, fileName: input.fileName, mediaType, size: input.data.length, sha256 };
  });
}

export async function formTemplateInfo(db: Executor, ids: number[]): Promise<FormTemplateInfo[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: formTemplates.id,
      fileName: formTemplates.fileName,
      mediaType: formTemplates.mediaType,
      size: formTemplates.size,
      sha256: formTemplates.sha256,
    })
    .from(formTemplates)
    .where(inArray(formTemplates.id, ids));
}
