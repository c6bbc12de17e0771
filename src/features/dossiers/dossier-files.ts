/**
 * Files of a dossier: the current files of each component (a component may need several: the pages of a
 * scanned paper, front and back of an ID card; an upload adds one, or replaces them all, and a removed or
 * replaced file keeps its row as history) and the result document. The bytes are checked by their magic numbers, never by name, and kept
 * in the content-addressed file storage; the row (name, type, size, SHA-256) is written in the same
 * transaction as its audit entry. Only people who may see the dossier can download its files.
 */
import { and, count, desc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { dossierEvents, dossierFiles } from '../../db/schema.ts';
import type { Principal } from '../../domain/access/policy.ts';
import type { DossierActorRole, DossierStatus } from '../../domain/dossier/index.ts';
import { AppError } from '../../domain/errors.ts';
import { sanitizeFileName } from '../../domain/files/file-name.ts';
import { checkUpload } from '../../domain/files/sniff.ts';
import { supplementSlots, type SupplementSlot } from '../../domain/dossier/supplement.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { sha256Hex, type FileStorage } from '../files/storage.ts';
import { actorsOf, loadVisibleDossier, opinionOnlyView, type LoadedDossier } from './dossier-access.ts';
import type { OpinionFilePurpose } from './opinion-requests.ts';
import type { FileView } from './get-dossier.ts';

/** Who may change which files in which status. Anything else is refused. */
const componentUploads: Partial<Record<DossierActorRole, readonly DossierStatus[]>> = {
  applicant: ['draft', 'supplement_requested_at_intake', 'supplement_requested'],
  // The desk digitises paper components at intake and files what a supplement brought.
  receiving_officer: [
    'draft',
    'submitted',
    'supplement_requested_at_intake',
    'received',
    'supplement_requested',
  ],
};
/** The papers of a supplement request: by the applicant or the desk, while the supplement is awaited. */
const supplementUploads: Partial<Record<DossierActorRole, readonly DossierStatus[]>> = {
  applicant: ['supplement_requested_at_intake', 'supplement_requested'],
  receiving_officer: ['supplement_requested_at_intake', 'supplement_requested'],
};
/** Current files per component, at most: enough for the pages of any paper, bounded for the dossier page. */
export const MAX_FILES_PER_COMPONENT = 20;

const resultUploads: Partial<Record<DossierActorRole, readonly DossierStatus[]>> = {
  clerk: ['processing', 'resolved'],
  approver: ['processing'],
};

export interface Upload {
  bytes: Buffer;
  /** The name the user's browser sent; only used, sanitised, as the download name. */
  fileName: string;
}

function present(f: typeof dossierFiles.$inferSelect): FileView {
  return {
    id: f.id,
    fileName: f.fileName,
    mediaType: f.mediaType,
    size: f.size,
    sha256: f.sha256,
    uploadedAt: f.uploadedAt.toISOString(),
  };
}

async function store(
  db: Db,
  storage: FileStorage,
  principal: Principal,
  ref: string,
  upload: Upload,
  target:
    | { purpose: 'component'; idx: number; add: boolean }
    | { purpose: 'supplement'; requestSeq: number; itemIdx: number }
    | { purpose: 'result' }
    | { purpose: OpinionFilePurpose },
  limits: { maxBytes: number; now: number; ip: string | null },
): Promise<FileView> {
  const type = checkUpload(upload.bytes, limits.maxBytes);
  const sha256 = sha256Hex(upload.bytes);
  const fileName = sanitizeFileName(upload.fileName, type.extension);
  return db.transaction(async (tx) => {
    const loaded = await loadVisibleDossier(tx, principal, ref, { forUpdate: true });
    if (target.purpose === 'opinion_request' || target.purpose === 'opinion_reply')
      checkOpinionUpload(principal, loaded, target.purpose);
    else
      checkMayChange(
        principal,
        loaded,
        target.purpose === 'component'
          ? componentUploads
          : target.purpose === 'supplement'
            ? supplementUploads
            : resultUploads,
      );
    const componentIdx = target.purpose === 'component' ? target.idx : null;
    if (componentIdx !== null && loaded.row.components[componentIdx] === undefined)
      throw new AppError('COMPONENT_NOT_FOUND', { field: 'idx' });
    const slot =
      target.purpose === 'supplement'
        ? { requestSeq: target.requestSeq, itemIdx: target.itemIdx }
        : { requestSeq: null, itemIdx: null };
    if (target.purpose === 'supplement') {
      // Only another paper of the request now awaited: a component it names is supplied as that component.
      const request = await currentSupplementRequest(tx, loaded);
      const asked = request?.seq === target.requestSeq ? request.slots[target.itemIdx] : undefined;
      if (!asked || asked.componentIdx !== null)
        throw new AppError('SUPPLEMENT_ITEM_NOT_FOUND', { field: 'item' });
    }
    const adding = (target.purpose === 'component' && target.add) || target.purpose === 'supplement';
    if (adding) {
      // The dossier row is locked: concurrent additions count one after the other.
      const [current] = await tx
        .select({ n: count() })
        .from(dossierFiles)
        .where(
          and(
            eq(dossierFiles.dossierId, loaded.row.id),
            eq(dossierFiles.purpose, target.purpose),
            target.purpose === 'component'
              ? eq(dossierFiles.componentIdx, target.idx)
              : and(eq(dossierFiles.requestSeq, target.requestSeq), eq(dossierFiles.itemIdx, target.itemIdx)),
            isNull(dossierFiles.replacedAt),
          ),
        );
      if ((current?.n ?? 0) >= MAX_FILES_PER_COMPONENT)
        throw new AppError('TOO_MANY_FILES', { field: 'file', details: { max: MAX_FILES_PER_COMPONENT } });
    }
    // Written before the row commits: a rolled-back upload leaves an unreferenced blob, never a row
    // without its bytes.
    await storage.put(sha256, upload.bytes);
    // A request or an answer may carry several files, and a component as many as are added: none replaces another.
    if (!adding && (target.purpose === 'component' || target.purpose === 'result'))
      await tx
        .update(dossierFiles)
        .set({ replacedAt: new Date(limits.now) })
        .where(
          and(
            eq(dossierFiles.dossierId, loaded.row.id),
            eq(dossierFiles.purpose, target.purpose),
            componentIdx === null
              ? isNull(dossierFiles.componentIdx)
              : eq(dossierFiles.componentIdx, componentIdx),
            isNull(dossierFiles.replacedAt),
          ),
        );
    const [row] = await tx
      .insert(dossierFiles)
      .values({
        dossierId: loaded.row.id,
        purpose: target.purpose,
        componentIdx,
        ...slot,
        fileName,
        mediaType: type.mediaType,
        size: upload.bytes.length,
        sha256,
        uploadedBy: principal.userId,
        uploadedAt: new Date(limits.now),
      })
      .returning();
    await recordAudit(tx, {
      actorId: principal.userId,
      action: `dossier.upload_${target.purpose}`,
      entity: 'dossier',
      entityId: loaded.row.id,
      agencyId: loaded.row.agencyId,
      data: {
        fileId: row!.id,
        componentIdx,
        ...(target.purpose === 'supplement' ? slot : {}),
        fileName,
        sha256,
        size: upload.bytes.length,
      },
      ip: limits.ip,
    });
    return present(row!);
  });
}

/** Who may change the files: a role the rules name, in a status they allow. */
function checkMayChange(
  principal: Principal,
  loaded: Awaited<ReturnType<typeof loadVisibleDossier>>,
  rules: Partial<Record<DossierActorRole, readonly DossierStatus[]>>,
): void {
  const actors = actorsOf(principal, loaded).filter((a) => rules[a.role as DossierActorRole] !== undefined);
  if (actors.length === 0) throw new AppError('FORBIDDEN');
  if (!actors.some((a) => rules[a.role as DossierActorRole]!.includes(loaded.row.status)))
    throw new AppError('DOSSIER_CLOSED_FOR_FILES');
}

/**
 * Files for an opinion request: the handling officer the dossier is assigned to, while it is processed;
 * for an answer: an officer of an asked agency whose request is still unanswered.
 */
function checkOpinionUpload(principal: Principal, loaded: LoadedDossier, purpose: OpinionFilePurpose): void {
  const { state, status } = loaded.row;
  const actors = actorsOf(principal, loaded);
  const allowed =
    purpose === 'opinion_request'
      ? actors.some((a) => a.role === 'handling_officer' && state.assigneeId === principal.userId)
      : actors.some(
          (a) =>
            a.role === 'cooperating_officer' &&
            state.cooperation.some((b) => b.agencyCode === a.agencyCode && b.answeredAt === null),
        );
  if (!allowed) throw new AppError('FORBIDDEN');
  if (status !== 'processing') throw new AppError('DOSSIER_CLOSED_FOR_FILES');
}

/** A file to send with an opinion request or with its answer (named in the action's `attachments`). */
export function uploadOpinionFile(
  db: Db,
  storage: FileStorage,
  principal: Principal,
  ref: string,
  purpose: OpinionFilePurpose,
  upload: Upload,
  limits: { maxBytes: number; now: number; ip: string | null },
): Promise<FileView> {
  return store(db, storage, principal, ref, upload, { purpose }, limits);
}

/** `mode` add: one more file of the component; replace: this file instead of the component's current ones. */
export function uploadComponentFile(
  db: Db,
  storage: FileStorage,
  principal: Principal,
  ref: string,
  idx: number,
  upload: Upload,
  limits: { maxBytes: number; now: number; ip: string | null },
  mode: 'add' | 'replace' = 'replace',
): Promise<FileView> {
  return store(
    db,
    storage,
    principal,
    ref,
    upload,
    { purpose: 'component', idx, add: mode === 'add' },
    limits,
  );
}

/**
 * Removes one current file of a component (a wrong page, a duplicate), by whoever may upload it now. The
 * row stays, marked replaced, so the history of what was handed in is kept.
 */
export async function removeComponentFile(
  db: Db,
  principal: Principal,
  ref: string,
  fileId: string,
  meta: { now: number; ip: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const loaded = await loadVisibleDossier(tx, principal, ref, { forUpdate: true });
    const [row] = /^[0-9a-f-]{36}$/i.test(fileId)
      ? await tx
          .select()
          .from(dossierFiles)
          .where(
            and(
              eq(dossierFiles.id, fileId),
              eq(dossierFiles.dossierId, loaded.row.id),
              inArray(dossierFiles.purpose, ['component', 'supplement']),
              isNull(dossierFiles.replacedAt),
            ),
          )
      : [];
    if (!row) throw new AppError('FILE_NOT_FOUND', { field: 'fileId' });
    checkMayChange(principal, loaded, row.purpose === 'supplement' ? supplementUploads : componentUploads);
    // What the applicant handed in is theirs to withdraw: the desk asks for a supplement instead, so the
    // record of what was submitted cannot be changed behind the applicant's back.
    if (row.uploadedBy === loaded.row.applicantUserId && row.uploadedBy !== principal.userId)
      throw new AppError('FILE_OF_APPLICANT', { field: 'fileId' });
    await tx
      .update(dossierFiles)
      .set({ replacedAt: new Date(meta.now) })
      .where(eq(dossierFiles.id, row.id));
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'dossier.remove_component_file',
      entity: 'dossier',
      entityId: loaded.row.id,
      agencyId: loaded.row.agencyId,
      data: {
        fileId: row.id,
        componentIdx: row.componentIdx,
        ...(row.purpose === 'supplement' ? { requestSeq: row.requestSeq, itemIdx: row.itemIdx } : {}),
        fileName: row.fileName,
      },
      ip: meta.ip,
    });
  });
}

export function uploadResultFile(
  db: Db,
  storage: FileStorage,
  principal: Principal,
  ref: string,
  upload: Upload,
  limits: { maxBytes: number; now: number; ip: string | null },
): Promise<FileView> {
  return store(db, storage, principal, ref, upload, { purpose: 'result' }, limits);
}

/**
 * Opinion files are between agencies: staff only. An asked agency reads the dossier's components and the
 * files of its own requests and answers, not the result or another agency's exchange.
 */
function mayReadFile(
  principal: Principal,
  loaded: LoadedDossier,
  file: typeof dossierFiles.$inferSelect,
): boolean {
  const opinion = file.purpose === 'opinion_request' || file.purpose === 'opinion_reply';
  if (opinion && principal.kind !== 'staff') return false;
  const only = opinionOnlyView(principal, loaded);
  if (only === null) return true;
  if (file.purpose === 'component' || file.purpose === 'supplement' || file.uploadedBy === principal.userId)
    return true;
  return loaded.row.state.cooperation.some(
    (b) =>
      only.has(b.agencyCode) &&
      [...(b.requestFiles ?? []), ...(b.replyFiles ?? [])].some((f) => f.id === file.id),
  );
}

export async function readDossierFile(
  db: Db,
  storage: FileStorage,
  principal: Principal,
  ref: string,
  fileId: string,
): Promise<{ file: FileView; bytes: Buffer }> {
  const loaded = await loadVisibleDossier(db, principal, ref);
  const [row] = /^[0-9a-f-]{36}$/i.test(fileId)
    ? await db
        .select()
        .from(dossierFiles)
        .where(and(eq(dossierFiles.id, fileId), eq(dossierFiles.dossierId, loaded.row.id)))
    : [];
  if (!row || !mayReadFile(principal, loaded, row)) throw new AppError('FILE_NOT_FOUND', { field: 'fileId' });
  const bytes = await storage.get(row.sha256);
  if (!bytes) throw new AppError('FILE_NOT_FOUND', { field: 'fileId' });
  return { file: present(row), bytes };
}

/** A file for one item of the supplement request now awaited that is not a component (giấy tờ khác). */
export function uploadSupplementFile(
  db: Db,
  storage: FileStorage,
  principal: Principal,
  ref: string,
  requestSeq: number,
  itemIdx: number,
  upload: Upload,
  limits: { maxBytes: number; now: number; ip: string | null },
): Promise<FileView> {
  return store(db, storage, principal, ref, upload, { purpose: 'supplement', requestSeq, itemIdx }, limits);
}

/** The last supplement request of the dossier while it is awaited (null otherwise), its items as slots. */
export async function currentSupplementRequest(
  tx: Tx | Db,
  loaded: LoadedDossier,
): Promise<{ seq: number; at: Date; slots: SupplementSlot[] } | null> {
  if (loaded.row.status !== 'supplement_requested_at_intake' && loaded.row.status !== 'supplement_requested')
    return null;
  const [request] = await tx
    .select({ seq: dossierEvents.seq, at: dossierEvents.at, event: dossierEvents.event })
    .from(dossierEvents)
    .where(and(eq(dossierEvents.dossierId, loaded.row.id), eq(dossierEvents.action, 'request_supplement')))
    .orderBy(desc(dossierEvents.seq))
    .limit(1);
  if (!request) return null;
  const items = (request.event as { data?: { items?: unknown } }).data?.items;
  const texts = Array.isArray(items) ? items.map(String) : [];
  return { seq: request.seq, at: request.at, slots: supplementSlots(loaded.row.components, texts) };
}

/**
 * The items of the awaited supplement request that have no file yet: a component it names needs a current
 * file of that component handed in since the request, another paper a current file in its own slot.
 */
export async function unsuppliedItems(tx: Tx, loaded: LoadedDossier): Promise<SupplementSlot[]> {
  const request = await currentSupplementRequest(tx, loaded);
  if (!request) return [];
  const files = await tx
    .select({
      purpose: dossierFiles.purpose,
      componentIdx: dossierFiles.componentIdx,
      requestSeq: dossierFiles.requestSeq,
      itemIdx: dossierFiles.itemIdx,
    })
    .from(dossierFiles)
    .where(
      and(
        eq(dossierFiles.dossierId, loaded.row.id),
        inArray(dossierFiles.purpose, ['component', 'supplement']),
        isNull(dossierFiles.replacedAt),
        gte(dossierFiles.uploadedAt, request.at),
      ),
    );
  return request.slots.filter(
    (slot) =>
      !files.some((f) =>
        slot.componentIdx === null
          ? f.purpose === 'supplement' && f.requestSeq === request.seq && f.itemIdx === slot.itemIdx
          : f.purpose === 'component' && f.componentIdx === slot.componentIdx,
      ),
  );
}
