import { asc, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { procedureFields, procedureVersions } from '../../db/schema.ts';
import { isSystemAdmin, type Principal } from '../../domain/access/policy.ts';
import { FIELD_CODE_PATTERN } from '../../domain/catalog/model.ts';
import { foldForSearch } from '../../domain/catalog/search-text.ts';
import { AppError } from '../../domain/errors.ts';
import { MAX_FIELD_NAME, type ProcedureField } from '../../contracts/catalog.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { notifyCatalogChanged } from './catalog-changes.ts';

export { MAX_FIELD_NAME };

/** A field (lĩnh vực) procedures are filed under. */
export type FieldView = ProcedureField;

const fieldCodeRe = new RegExp(FIELD_CODE_PATTERN);

/** Every field, by name: reference data, public (the search form filters by field). */
export async function listFields(db: Executor): Promise<{ items: FieldView[] }> {
  const items = await db
    .select({ code: procedureFields.code, name: procedureFields.name })
    .from(procedureFields)
    .orderBy(asc(procedureFields.name), asc(procedureFields.code));
  return { items };
}

function requireAdmin(principal: Principal): void {
  if (!isSystemAdmin(principal)) throw new AppError('FORBIDDEN');
}

function checkCode(code: string): void {
  if (!fieldCodeRe.test(code)) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'code',
      vi: 'Mã lĩnh vực gồm 2–30 chữ in hoa không dấu, chữ số hoặc dấu gạch dưới (ví dụ HO_TICH).',
      en: 'A field code is 2–30 capital letters, digits or underscores (e.g. HO_TICH).',
    });
  }
}

function cleanName(name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean.length === 0 || clean.length > MAX_FIELD_NAME) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'name',
      vi: `Tên lĩnh vực không được để trống và không quá ${MAX_FIELD_NAME} ký tự.`,
      en: `A field name must not be blank nor longer than ${MAX_FIELD_NAME} characters.`,
    });
  }
  return clean;
}

/** Two fields may not share a name (compared without accents or case): the search form lists them by name. */
async function checkNameFree(db: Executor, name: string, exceptId: number | null): Promise<void> {
  const rows = await db.select({ id: procedureFields.id, name: procedureFields.name }).from(procedureFields);
  const folded = foldForSearch(name);
  if (rows.some((r) => r.id !== exceptId && foldForSearch(r.name) === folded)) {
    throw new AppError('DUPLICATE', {
      field: 'name',
      vi: 'Đã có lĩnh vực mang tên này.',
      en: 'Another field has this name.',
    });
  }
}

async function lockField(db: Executor, code: string) {
  const [row] = await db
    .select()
    .from(procedureFields)
    .where(eq(procedureFields.code, code))
    .for('update')
    .limit(1);
  if (!row) {
    throw new AppError('NOT_FOUND', {
      field: 'code',
      vi: 'Không tìm thấy lĩnh vực.',
      en: 'Field (lĩnh vực) not found.',
    });
  }
  return row;
}

/** Whether any version, draft or published, is filed under the field (its content holds the code). */
async function inUse(db: Executor, fieldId: number): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(procedureVersions)
    .where(eq(procedureVersions.fieldId, fieldId))
    .limit(1);
  return row !== undefined;
}

/** A new field (system administrator). */
export async function createField(
  db: Db,
  principal: Principal,
  input: { code: string; name: string },
  meta: { ip: string | null },
): Promise<FieldView> {
  requireAdmin(principal);
  checkCode(input.code);
  const name = cleanName(input.name);
  return db.transaction(async (tx) => {
    // Field changes are rare: one at a time, so the name check cannot race.
    await tx.execute(sql`LOCK TABLE procedure_fields IN SHARE ROW EXCLUSIVE MODE`);
    await checkNameFree(tx, name, null);
    const [row] = await tx
      .insert(procedureFields)
      .values({ code: input.code, name })
      .onConflictDoNothing()
      .returning({ code: procedureFields.code, name: procedureFields.name });
    if (!row) throw new AppError('PROCEDURE_FIELD_CODE_TAKEN', { field: 'code' });
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'procedure_field.create',
      entity: 'procedure_field',
      entityId: row.code,
      data: { name: row.name },
      ip: meta.ip,
    });
    await notifyCatalogChanged(tx, `field ${row.code}`);
    return row;
  });
}

/**
 * Renames a field, or corrects its code while no procedure is filed under it: published versions are
 * immutable documents holding the code, so a code in use can never change.
 */
export async function updateField(
  db: Db,
  principal: Principal,
  code: string,
  input: { code?: string | undefined; name?: string | undefined },
  meta: { ip: string | null },
): Promise<FieldView> {
  requireAdmin(principal);
  if (input.code !== undefined) checkCode(input.code);
  const name = input.name === undefined ? undefined : cleanName(input.name);
  return db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE procedure_fields IN SHARE ROW EXCLUSIVE MODE`);
    const field = await lockField(tx, code);
    const newCode = input.code ?? field.code;
    if (newCode !== field.code) {
      if (await inUse(tx, field.id)) throw new AppError('PROCEDURE_FIELD_IN_USE', { field: 'code' });
      const [taken] = await tx
        .select({ id: procedureFields.id })
        .from(procedureFields)
        .where(eq(procedureFields.code, newCode))
        .limit(1);
      if (taken) throw new AppError('PROCEDURE_FIELD_CODE_TAKEN', { field: 'code' });
    }
    if (name !== undefined) await checkNameFree(tx, name, field.id);
    const [row] = await tx
      .update(procedureFields)
      .set({ code: newCode, name: name ?? field.name })
      .where(eq(procedureFields.id, field.id))
      .returning({ code: procedureFields.code, name: procedureFields.name });
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'procedure_field.update',
      entity: 'procedure_field',
      entityId: field.code,
      data: { before: { code: field.code, name: field.name }, after: row },
      ip: meta.ip,
    });
    await notifyCatalogChanged(tx, `field ${field.code}`);
    return row!;
  });
}

/** Deletes a field no procedure version is filed under (one created by mistake). */
export async function deleteField(
  db: Db,
  principal: Principal,
  code: string,
  meta: { ip: string | null },
): Promise<void> {
  requireAdmin(principal);
  await db.transaction(async (tx) => {
    const field = await lockField(tx, code);
    if (await inUse(tx, field.id)) throw new AppError('PROCEDURE_FIELD_IN_USE', { field: 'code' });
    await tx.delete(procedureFields).where(eq(procedureFields.id, field.id));
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'procedure_field.delete',
      entity: 'procedure_field',
      entityId: field.code,
      data: { name: field.name },
      ip: meta.ip,
    });
    await notifyCatalogChanged(tx, `field ${field.code}`);
  });
}
