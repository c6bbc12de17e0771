/**
 * What every statistics report starts with: the period, the agency (and its subtree when asked), the
 * `report.read` check, and the heading of the printed report. Same rules as the period report: the
 * caller must be allowed to read the agency named; the subtree is every agency whose path starts with it.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { can, type Principal } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { periodOf, type Period } from '../../domain/statistics/period-report.ts';
import type { FormHeader } from '../documents/form-data.ts';

export interface ReportAgency extends Record<string, unknown> {
  id: number;
  code: string;
  name: string;
  path: string;
}

export interface ReportScope {
  period: Period;
  agency: ReportAgency;
  /** The agency alone, or with every agency below it. */
  agencies: ReportAgency[];
  ids: number[];
  subtree: boolean;
}

export interface ReportInput {
  agency: string;
  from: string;
  to: string;
  subtree?: boolean | undefined;
}

/** An int[] parameter: drizzle would spread a JS array into a list of parameters. */
export function intArray(values: readonly number[]): string {
  return `{${values.map((v) => Math.trunc(v)).join(',')}}`;
}

export async function reportScope(
  db: Executor,
  principal: Principal,
  input: ReportInput,
  now: number,
): Promise<ReportScope> {
  const period = periodOf(input.from, input.to, now);
  const found = await db.execute<ReportAgency>(
    sql`select id, code, name, path from agencies where code = ${input.agency}`,
  );
  const agency = found.rows[0];
  if (!agency) throw new AppError('AGENCY_NOT_FOUND', { field: 'agency' });
  if (!can(principal, 'report.read', agency)) throw new AppError('FORBIDDEN');
  const subtree = input.subtree ?? false;
  const agencies = subtree
    ? (
        await db.execute<ReportAgency>(
          sql`select id, code, name, path from agencies where path like ${agency.path + '%'} order by path`,
        )
      ).rows
    : [agency];
  return { period, agency, agencies, ids: agencies.map((a) => a.id), subtree };
}

/** "Ủy ban nhân dân tỉnh Đồng Tháp" → "Đồng Tháp", the place printed before the date. */
function placeOf(rootName: string): string {
  const m = /(?:tỉnh|thành phố)\s+(.+)$/iu.exec(rootName);
  return m ? m[1]!.trim() : rootName;
}

/** The administrative-document heading of a report: the agency under its parent, place and date. */
export async function reportHeader(
  db: Executor,
  agency: ReportAgency,
  issuedAt: number,
): Promise<FormHeader> {
  const ids = agency.path.split('/').filter(Boolean).map(Number);
  const rows = await db.execute<{ id: number; name: string }>(
    sql`select id, name from agencies where id = any(${intArray(ids)}::int[])`,
  );
  const byId = new Map(rows.rows.map((r) => [r.id, r.name]));
  const parentId = ids.length >= 2 ? ids[ids.length - 2]! : null;
  return {
    parentAgencyName: parentId === null ? null : (byId.get(parentId) ?? null),
    agencyName: agency.name,
    number: null,
    place: placeOf(byId.get(ids[0]!) ?? agency.name),
    issuedAt,
  };
}
