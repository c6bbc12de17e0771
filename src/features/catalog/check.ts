import { createHash } from 'node:crypto';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { agencies, formTemplates, procedureFields } from '../../db/schema.ts';
import type { Issue } from '../../domain/catalog/issues.ts';
import type { CatalogRefs } from '../../domain/catalog/validate.ts';
import { AppError, errorMessages } from '../../domain/errors.ts';
import { registerFormats } from '../../domain/formats.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Catalog files are checked in full: every problem is reported, not only the first. */
export const catalogAjv = addFormats(
  new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false }),
);
catalogAjv.addKeyword({ keyword: 'example' });
registerFormats(catalogAjv);

/** Schema violations as issues, with paths like `components/2/name`. */
export function schemaIssues(errors: ErrorObject[] | null | undefined, prefix = ''): Issue[] {
  const issues: Issue[] = [];
  const join = (base: string, name: string) => [prefix, base, name].filter(Boolean).join('/');
  for (const e of errors ?? []) {
    const base = e.instancePath.replace(/^\//, '');
    if (e.keyword === 'required') {
      issues.push({ path: join(base, String(e.params.missingProperty)), code: 'REQUIRED_FIELD' });
    } else if (e.keyword === 'additionalProperties') {
      issues.push({ path: join(base, String(e.params.additionalProperty)), code: 'UNKNOWN_FIELD' });
    } else if (e.keyword === 'anyOf' || e.keyword === 'if') {
      // The branches' own errors already say what is wrong.
      continue;
    } else {
      issues.push({
        path: join(base, ''),
        code: 'VALIDATION_FAILED',
        vi: `Giá trị không hợp lệ: ${e.keyword === 'pattern' && base.endsWith('name') ? 'không được để trống' : (e.message ?? e.keyword)}.`,
        en: `Invalid value: ${e.message ?? e.keyword}.`,
      });
    }
  }
  // anyOf branches of one place report the same problem several times.
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}|${i.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function issueMessage(issue: Issue): { message: string; message_en: string } {
  const base = errorMessages[issue.code];
  return { message: issue.vi ?? base.vi, message_en: issue.en ?? base.en };
}

/** Throws the first issue as an AppError, with every issue in details.errors. */
export function throwIssues(issues: Issue[], prefix = ''): void {
  const first = issues[0];
  if (!first) return;
  const field = [prefix, first.path].filter(Boolean).join('/');
  throw new AppError(first.code, {
    field,
    ...(first.vi ? { vi: first.vi } : {}),
    ...(first.en ? { en: first.en } : {}),
    details: {
      errors: issues.map((i) => ({
        field: [prefix, i.path].filter(Boolean).join('/'),
        code: i.code,
        ...issueMessage(i),
      })),
    },
  });
}

export interface LoadedRefs extends CatalogRefs {
  agencyIds: ReadonlyMap<string, number>;
  fieldIds: ReadonlyMap<string, number>;
}

/** Agencies, fields and form templates that content may refer to. */
export async function loadRefs(
  db: Executor,
  content: { agencyCodes: Iterable<string>; templateIds: Iterable<number> },
): Promise<LoadedRefs> {
  const codes = [...new Set(content.agencyCodes)];
  const ids = [...new Set(content.templateIds)];
  // One after another: `db` may be a transaction, whose single connection cannot run queries concurrently.
  const agencyRows = codes.length
    ? await db
        .select({ id: agencies.id, code: agencies.code })
        .from(agencies)
        .where(inArray(agencies.code, codes))
    : [];
  const fieldRows = await db
    .select({ id: procedureFields.id, code: procedureFields.code })
    .from(procedureFields);
  const templateRows = ids.length
    ? await db.select({ id: formTemplates.id }).from(formTemplates).where(inArray(formTemplates.id, ids))
    : [];
  return {
    agencies: new Set(agencyRows.map((a) => a.code)),
    agencyIds: new Map(agencyRows.map((a) => [a.code, a.id])),
    fields: new Set(fieldRows.map((f) => f.code)),
    fieldIds: new Map(fieldRows.map((f) => [f.code, f.id])),
    formTemplates: new Set(templateRows.map((t) => t.id)),
  };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** SHA-256 of a value's canonical JSON (keys sorted): equal content, equal hash, whatever the key order. */
export function contentHash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

/** Component and case templates referred to by a procedure. */
export function templateIdsOf(content: {
  components: { formTemplateId: number | null }[];
  cases: { components: { formTemplateId: number | null }[] }[];
}): number[] {
  return [...content.components, ...content.cases.flatMap((c) => c.components)]
    .map((c) => c.formTemplateId)
    .filter((id): id is number => id !== null);
}
