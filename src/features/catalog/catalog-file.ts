/**
 * The catalog file: one JSON document per catalog, the same data the Excel template holds. Documented for
 * the people who write such files in docs/catalog-format.md (keep it in step with this file and xlsx.ts).
 *
 * { "format": "motcua-catalog", "formatVersion": 1, "exportedAt"?: ISO time,
 *   "procedures": [ { "code", "effectiveFrom": "YYYY-MM-DD", "content": ProcedureContent,
 *                     "processes": [ { "agency": agency code, "steps": [ProcessStep] } ] } ] }
 *
 * Each entry is the published version of a procedure, in force from `effectiveFrom`. Importing an entry
 * whose content equals the procedure's latest published version changes nothing; a changed entry becomes
 * a new published version and must take effect after the latest one.
 */
import { Type, type Static } from 'typebox';
import { IsoDate, ProcedureCode, ProcedureContent, ProcessStep } from '../../domain/catalog/model.ts';
import { catalogAjv } from './check.ts';

export const CATALOG_FORMAT = 'motcua-catalog';

export const CatalogProcess = Type.Object(
  {
    agency: Type.String({ pattern: '^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$' }),
    steps: Type.Array(ProcessStep, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type CatalogProcess = Static<typeof CatalogProcess>;

export const CatalogEntry = Type.Object(
  {
    code: ProcedureCode,
    effectiveFrom: IsoDate,
    content: ProcedureContent,
    processes: Type.Array(CatalogProcess, { maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type CatalogEntry = Static<typeof CatalogEntry>;

export const CatalogFile = Type.Object(
  {
    format: Type.Literal(CATALOG_FORMAT),
    formatVersion: Type.Literal(1),
    exportedAt: Type.Optional(Type.String()),
    procedures: Type.Array(CatalogEntry, { maxItems: 20000 }),
  },
  { additionalProperties: false, title: 'CatalogFile' },
);
export type CatalogFile = Static<typeof CatalogFile>;

/** The file's envelope; entries are checked one by one so a bad entry does not hide the others' errors. */
export const checkCatalogEnvelope = catalogAjv.compile<
  Omit<CatalogFile, 'procedures'> & { procedures: unknown[] }
>(
  Type.Object(
    {
      format: Type.Literal(CATALOG_FORMAT),
      formatVersion: Type.Literal(1),
      exportedAt: Type.Optional(Type.String()),
      procedures: Type.Array(Type.Unknown(), { maxItems: 20000 }),
    },
    { additionalProperties: false },
  ),
);
export const checkCatalogEntry = catalogAjv.compile<CatalogEntry>(CatalogEntry);
