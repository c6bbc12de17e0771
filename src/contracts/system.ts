// Health probes and the import of a replaced system's dossier history.
import { Type, type Static } from 'typebox';
import { agencyLevels } from '../domain/access/roles.ts';
import { StringEnum } from './common.ts';

export const Health = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
    database: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('unreachable')])),
    pendingMigrations: Type.Optional(Type.Integer()),
    files: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('unwritable')])),
  },
  { additionalProperties: false, title: 'Health' },
);

const LineError = Type.Object(
  {
    line: Type.Integer({ description: '1-based line of the file' }),
    field: Type.Union([Type.String(), Type.Null()], {
      description: 'The offending field as a path, or null',
    }),
    code: Type.String(),
    message: Type.String(),
    message_en: Type.String(),
  },
  { additionalProperties: false, title: 'HistoryLineError' },
);

export const PlaceholderAgency = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: StringEnum(agencyLevels),
    parent: Type.Union([Type.String(), Type.Null()], {
      description: 'The agency it was placed under (null: it is a root)',
    }),
  },
  { additionalProperties: false, title: 'PlaceholderAgency' },
);
export type PlaceholderAgency = Static<typeof PlaceholderAgency>;

export const HistoryImportReport = Type.Object(
  {
    importId: Type.String({ format: 'uuid' }),
    dryRun: Type.Boolean(),
    lines: Type.Integer({ description: 'Dossier lines in the file (blank lines not counted)' }),
    imported: Type.Integer({ description: 'Rows written (dryRun: that would be written)' }),
    skipped: Type.Integer({ description: 'Codes already present with the same content' }),
    placeholders: Type.Object(
      { agencies: Type.Array(PlaceholderAgency), procedures: Type.Array(Type.String()) },
      {
        additionalProperties: false,
        title: 'HistoryImportPlaceholders',
        description: 'Created for codes the database did not know (dryRun: would be created)',
      },
    ),
    errors: Type.Array(LineError, {
      description: 'Always empty in a report: an import with errors is refused with them in error.details',
    }),
  },
  { additionalProperties: false, title: 'HistoryImportReport' },
);
