/**
 * An applicant deletes a draft of theirs (issue 14: "a draft cannot be deleted"). Only a draft (never
 * submitted: no code, nothing counted, nobody else acted on it), only an online one its applicant started
 * (a desk's draft is the desk's work), and only by that applicant. The row goes with its events, files and
 * notices (cascade; migration 0015 lets the events go only that way); an audit row keeps that it existed.
 * The files' bytes are removed after the commit when no other row refers to them (storage is shared by
 * content).
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dossierFiles, dossiers } from '../../db/schema.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { FileStorage } from '../files/storage.ts';
import { loadVisibleDossier } from './dossier-access.ts';

export async function deleteDraft(
  db: Db,
  storage: FileStorage,
  principal: Principal,
  ref: string,
  input: { version?: number | undefined },
  meta: { ip: string | null },
): Promise<{ id: string; filesRemoved: number }> {
  const { id, keys } = await db.transaction(async (tx) => {
    const { row } = await loadVisibleDossier(tx, principal, ref, { forUpdate: true });
    if (row.applicantUserId !== principal.userId || row.channel !== 'online') throw new AppError('FORBIDDEN');
    if (row.status !== 'draft') throw new AppError('NOT_A_DRAFT_DOSSIER');
    if (input.version !== undefined && input.version !== row.version)
      throw new AppError('VERSION_CONFLICT', { field: 'version', details: { currentVersion: row.version } });
    const files = await tx
      .select({ sha256: dossierFiles.sha256, fileName: dossierFiles.fileName })
      .from(dossierFiles)
      .where(eq(dossierFiles.dossierId, row.id));
    await tx.delete(dossiers).where(eq(dossiers.id, row.id));
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'dossier.delete_draft',
      entity: 'dossier',
      entityId: row.id,
      agencyId: row.agencyId,
      data: { procedureVersionId: row.procedureVersionId, files: files.length },
      ip: meta.ip,
    });
    return { id: row.id, keys: [...new Set(files.map((f) => f.sha256))] };
  });
  // After the commit: a rolled-back deletion must still find its bytes. A key another dossier's file
  // shares stays.
  let filesRemoved = 0;
  if (keys.length > 0) {
    const used = new Set(
      (
        await db
          .selectDistinct({ sha256: dossierFiles.sha256 })
          .from(dossierFiles)
          .where(inArray(dossierFiles.sha256, keys))
      ).map((r) => r.sha256),
    );
    for (const key of keys.filter((k) => !used.has(k))) {
      await storage.delete(key);
      filesRemoved++;
    }
  }
  return { id, filesRemoved };
}
